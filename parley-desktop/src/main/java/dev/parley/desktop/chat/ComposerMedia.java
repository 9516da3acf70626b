package dev.parley.desktop.chat;

import dev.parley.desktop.media.DropTarget;
import dev.parley.desktop.media.UploadsPane;
import dev.parley.desktop.service.SignInKit;
import java.io.File;
import java.util.List;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The ways images and files get into the open conversation, for the {@link ConversationController}: the attach
 * button's chooser (several files at once; images go as images), files dropped anywhere on the conversation
 * ({@link DropTarget}, with its highlight), Ctrl+V of a picture or files in the composer ({@link #pasteKey}; text is
 * left to the composer), and the {@link UploadsPane} above the composer. The drop target and the pane belong to one
 * sign-in's sender: they are replaced when the user signs in again.
 * <p>
 * Threading: FX thread.
 */
final class ComposerMedia {
    /** Ctrl+O (Cmd+O): the attach button's chooser. */
    static final KeyCombination ATTACH = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    private final MediaViewModel media;
    private final Node dropNode;
    private final Pane uploadsSlot;
    private DropTarget dropTarget;

    /**
     * Wires {@code dropNode} (the conversation) as a drop target and {@code uploadsSlot} as the place of the uploads.
     */
    ComposerMedia(MediaViewModel media, Node dropNode, Pane uploadsSlot) {
        this.media = Objects.requireNonNull(media, "media");
        this.dropNode = Objects.requireNonNull(dropNode, "dropNode");
        this.uploadsSlot = Objects.requireNonNull(uploadsSlot, "uploadsSlot");
        uploadsSlot.managedProperty().bind(uploadsSlot.visibleProperty());
        media.kitProperty().addListener((o, old, kit) -> follow(kit));
        follow(media.kitProperty().get());
    }

    /** Asks for files (the system's chooser) and sends those chosen to the open conversation. */
    void chooseAndAttach(Window owner) {
        if (media.openConversation().isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach images or files");
        List<File> chosen = chooser.showOpenMultipleDialog(owner);
        if (chosen != null) {
            media.attach(chosen.stream().map(File::toPath).toList());
        }
    }

    /** Ctrl+V in the composer: a picture or files on the clipboard are sent, and the key consumed; else nothing. */
    boolean pasteKey(KeyEvent event) {
        if (PASTE.match(event) && media.paste(Clipboard.getSystemClipboard())) {
            event.consume();
            return true;
        }
        return false;
    }

    private void follow(SignInKit kit) {
        if (dropTarget != null) {
            dropTarget.uninstall();
            dropTarget = null;
        }
        uploadsSlot.visibleProperty().unbind();
        if (kit == null) {
            uploadsSlot.getChildren().clear();
            uploadsSlot.setVisible(false);
            return;
        }
        dropTarget = DropTarget.install(dropNode, kit.attachments(), media::openConversation);
        UploadsPane pane = new UploadsPane(kit.attachments());
        uploadsSlot.getChildren().setAll(pane);
        uploadsSlot.visibleProperty().bind(pane.visibleProperty());
    }
}
