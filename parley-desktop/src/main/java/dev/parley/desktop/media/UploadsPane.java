package dev.parley.desktop.media;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.VBox;

/**
 * The uploads of an {@link AttachmentSender}, one {@link UploadRow} each, for the composer area; hidden while there
 * are none. Follows {@link AttachmentSender#getUploads()}.
 * <p>
 * Threading: FX thread.
 */
public final class UploadsPane extends VBox {
    private final AttachmentSender sender;

    /** A pane that follows {@code sender}'s uploads. */
    public UploadsPane(AttachmentSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
        getStyleClass().add("uploads-pane");
        getStylesheets().add(MediaStyles.STYLESHEET);
        setSpacing(4);
        visibleProperty().bind(Bindings.isNotEmpty(getChildren()));
        managedProperty().bind(visibleProperty());
        sender.getUploads().addListener((ListChangeListener<Upload>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().setAll(sender.getUploads().stream().map(this::rowFor).toList());
    }

    private UploadRow rowFor(Upload upload) {
        return getChildren().stream().filter(n -> n instanceof UploadRow r && r.upload() == upload)
                .map(UploadRow.class::cast).findFirst().orElseGet(() -> new UploadRow(upload, sender));
    }
}
