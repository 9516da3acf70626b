package dev.parley.desktop.media;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * One {@link Upload} in the composer area: its name, a progress bar (indeterminate while the message waits for its
 * receipt), and ✕, which cancels it while it runs and, once it failed, takes it away; a failed upload shows its
 * sentence in place of the bar. Bound to the upload's properties; the ✕ is reachable with Tab and says what it does
 * to screen readers.
 * <p>
 * Threading: FX thread.
 */
public final class UploadRow extends HBox {
    private final Upload upload;
    private final ProgressBar bar = new ProgressBar();
    private final Label status = new Label();
    private final Button cancel = new Button("✕");

    /** A row for {@code upload}; its ✕ calls {@link AttachmentSender#dismiss}. */
    public UploadRow(Upload upload, AttachmentSender sender) {
        this.upload = Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(sender, "sender");
        getStyleClass().add("upload-row");
        getStylesheets().add(MediaStyles.STYLESHEET);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);

        Label name = new Label(upload.name());
        name.getStyleClass().add("upload-name");
        name.setMinWidth(60);
        name.setMaxWidth(260);
        HBox.setHgrow(name, Priority.SOMETIMES);

        bar.setPrefWidth(160);
        bar.progressProperty().bind(Bindings.when(upload.stateProperty().isEqualTo(UploadState.SENDING))
                .then(ProgressBar.INDETERMINATE_PROGRESS).otherwise(upload.progressProperty()));
        bar.visibleProperty().bind(upload.stateProperty().isEqualTo(UploadState.FAILED).not());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setAccessibleText("Upload of " + upload.name());

        status.getStyleClass().add("upload-error");
        status.textProperty().bind(upload.errorProperty());
        status.visibleProperty().bind(upload.errorProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);

        cancel.getStyleClass().addAll("upload-cancel", "flat");
        cancel.setAccessibleRole(AccessibleRole.BUTTON);
        cancel.accessibleTextProperty().bind(Bindings.when(upload.stateProperty().isEqualTo(UploadState.FAILED))
                .then("Dismiss " + upload.name()).otherwise("Cancel the upload of " + upload.name()));
        cancel.setTooltip(new Tooltip());
        cancel.getTooltip().textProperty().bind(cancel.accessibleTextProperty());
        cancel.setOnAction(e -> sender.dismiss(upload));

        getChildren().addAll(name, bar, status, cancel);
    }

    /** The upload shown. */
    public Upload upload() {
        return upload;
    }
}
