package dev.parley.desktop.media;

import dev.parley.client.ConversationId;
import java.io.File;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Makes a node (the conversation pane) a drop target for files: while files are dragged over it the node has the
 * style class {@value #ACTIVE_STYLE_CLASS} (an accent outline in {@code media.css}), and dropped files are sent to the
 * open conversation, images as images and others as files ({@link AttachmentSender#send}). Nothing is accepted when
 * no conversation is open or the drag holds no files.
 * <p>
 * Threading: FX thread (drag events arrive there).
 */
public final class DropTarget {
    /** The style class of the node while files are dragged over it. */
    public static final String ACTIVE_STYLE_CLASS = "drop-target-active";

    private final Node node;
    private final AttachmentSender sender;
    private final Supplier<Optional<ConversationId>> conversation;
    private final EventHandler<DragEvent> over = this::onDragOver;
    private final EventHandler<DragEvent> exited = e -> highlight(false);
    private final EventHandler<DragEvent> dropped = this::onDragDropped;

    private DropTarget(Node node, AttachmentSender sender, Supplier<Optional<ConversationId>> conversation) {
        this.node = node;
        this.sender = sender;
        this.conversation = conversation;
    }

    /**
     * Makes {@code node} a drop target that sends to the conversation {@code conversation} names at the time of the
     * drop.
     *
     * @return the target; {@link #uninstall()} undoes it
     */
    public static DropTarget install(Node node, AttachmentSender sender,
                                     Supplier<Optional<ConversationId>> conversation) {
        DropTarget target = new DropTarget(Objects.requireNonNull(node, "node"),
                Objects.requireNonNull(sender, "sender"), Objects.requireNonNull(conversation, "conversation"));
        node.getStyleClass().add("drop-target");
        if (node instanceof Parent parent && !parent.getStylesheets().contains(MediaStyles.STYLESHEET)) {
            parent.getStylesheets().add(MediaStyles.STYLESHEET); // the highlight's look
        }
        node.addEventHandler(DragEvent.DRAG_OVER, target.over);
        node.addEventHandler(DragEvent.DRAG_EXITED, target.exited);
        node.addEventHandler(DragEvent.DRAG_DROPPED, target.dropped);
        node.getProperties().put(DropTarget.class, target);
        return target;
    }

    /** The drop target installed on {@code node}, if any (tests drop through it: a headless platform cannot drag). */
    public static Optional<DropTarget> of(Node node) {
        return node.getProperties().get(DropTarget.class) instanceof DropTarget target ? Optional.of(target)
                : Optional.empty();
    }

    /** Stops being a drop target. */
    public void uninstall() {
        node.removeEventHandler(DragEvent.DRAG_OVER, over);
        node.removeEventHandler(DragEvent.DRAG_EXITED, exited);
        node.removeEventHandler(DragEvent.DRAG_DROPPED, dropped);
        highlight(false);
        node.getStyleClass().remove("drop-target");
        node.getProperties().remove(DropTarget.class, this);
    }

    /** Whether a drag that does or does not hold files would be taken now (and the highlight shows accordingly). */
    public boolean dragOver(boolean hasFiles) {
        boolean accepted = hasFiles && conversation.get().isPresent();
        highlight(accepted);
        return accepted;
    }

    /** Sends dropped files to the open conversation; the highlight goes. */
    public List<Upload> drop(List<File> files) {
        highlight(false);
        Optional<ConversationId> to = conversation.get();
        if (to.isEmpty()) {
            return List.of();
        }
        return files.stream().map(f -> sender.send(to.get(), f.toPath())).toList();
    }

    /** Whether the node shows the drop highlight. */
    public boolean highlighted() {
        return node.getStyleClass().contains(ACTIVE_STYLE_CLASS);
    }

    private void onDragOver(DragEvent e) {
        Dragboard board = e.getDragboard();
        if (dragOver(board != null && board.hasFiles())) {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        }
    }

    private void onDragDropped(DragEvent e) {
        Dragboard board = e.getDragboard();
        boolean hasFiles = board != null && board.hasFiles();
        List<Upload> started = hasFiles ? drop(board.getFiles()) : List.of();
        highlight(false);
        e.setDropCompleted(!started.isEmpty());
        e.consume();
    }

    private void highlight(boolean on) {
        if (on && !highlighted()) {
            node.getStyleClass().add(ACTIVE_STYLE_CLASS);
        } else if (!on) {
            node.getStyleClass().remove(ACTIVE_STYLE_CLASS);
        }
    }
}
