package dev.parley.desktop.media;

import dev.parley.protocol.Attachment;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A file in a message bubble: an icon by its type (a badge of its extension, coloured by kind), its name, its size in
 * human units and its type ("2.4 MB · PDF document"), and two buttons: <b>Save</b> asks where (a save dialog) and
 * downloads it there with a progress bar, <b>Open</b> downloads it to the cache (once) and opens it with the system's
 * application. A failure shows as a sentence under the name. Both buttons are reached with Tab.
 * <p>
 * Threading: FX thread; downloads run elsewhere.
 */
public final class FileBubble extends HBox {
    private final Attachment file;
    private final MediaCache cache;
    private final FileActions actions;
    private final Label detail = new Label();
    private final Label error = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button save = new Button("Save");
    private final Button open = new Button("Open");

    /** A bubble of {@code file}. */
    public FileBubble(Attachment file, MediaCache cache, FileActions actions) {
        this.file = Objects.requireNonNull(file, "file");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.actions = Objects.requireNonNull(actions, "actions");
        getStyleClass().add("file-bubble");
        getStylesheets().add(MediaStyles.STYLESHEET);
        setAlignment(Pos.CENTER_LEFT);

        Label badge = new Label(FileKinds.badge(file.filename()));
        badge.getStyleClass().addAll("file-badge", FileKinds.kind(file.mime(), file.filename()));
        badge.setFocusTraversable(false);

        Label name = new Label(file.filename());
        name.getStyleClass().add("file-name");
        name.setMaxWidth(260);
        detail.getStyleClass().add("file-detail");
        detail.setText(describe(file));
        error.getStyleClass().add("file-error");
        error.setWrapText(true);
        error.setMaxWidth(260);
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
        bar.setPrefWidth(160);
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setVisible(false);
        VBox text = new VBox(2, name, detail, bar, error);
        HBox.setHgrow(text, Priority.ALWAYS);

        save.setAccessibleText("Save " + file.filename());
        open.setAccessibleText("Open " + file.filename());
        save.setMinWidth(Region.USE_PREF_SIZE); // in a narrow window the name gives way, not the buttons
        open.setMinWidth(Region.USE_PREF_SIZE);
        save.setOnAction(e -> save());
        open.setOnAction(e -> open());
        getChildren().addAll(badge, text, save, open);
    }

    /** The attachment shown. */
    public Attachment attachment() {
        return file;
    }

    /** "2.4 MB · PDF document". */
    static String describe(Attachment file) {
        return FileKinds.humanSize(file.size()) + " · " + FileKinds.description(file.mime(), file.filename());
    }

    /** Asks where to save the file and downloads it there. */
    public void save() {
        Optional<Path> target = actions.chooseSaveTarget(getScene() == null ? null : getScene().getWindow(),
                file.filename());
        target.ifPresent(t -> follow(cache.saveAs(file, t), "Saved to " + t.getFileName() + ".", path -> { }));
    }

    /** Downloads the file to the cache, once, and opens it. */
    public void open() {
        follow(cache.original(file), describe(file), actions::open);
    }

    private void follow(Download download, String doneText, Consumer<Path> then) {
        error.setVisible(false);
        save.setDisable(true);
        open.setDisable(true);
        bar.progressProperty().bind(download.progressProperty());
        bar.visibleProperty().bind(download.runningProperty());
        download.result().whenComplete((path, failure) -> {
            save.setDisable(false);
            open.setDisable(false);
            if (failure != null) {
                error.setText(download.getError());
                error.setVisible(true);
            } else {
                detail.setText(doneText);
                then.accept(path);
            }
        });
    }
}
