package dev.parley.desktop.media;

import dev.parley.protocol.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the image viewer: a window of its own ({@code ImageViewer.fxml} with {@link ImageViewerController} and
 * {@link ImageViewerViewModel}) showing an image full size, downloaded on demand. It takes the style sheets of the
 * window it is opened from, so it follows the theme.
 * <p>
 * Threading: FX thread.
 */
public final class ImageViewer {
    private ImageViewer() {
    }

    /**
     * Opens a viewer of {@code image} over {@code owner} and starts loading it.
     *
     * @return the viewer's stage, shown
     */
    public static Stage open(Window owner, Attachment image, MediaCache cache, FileActions actions) {
        Objects.requireNonNull(image, "image");
        ImageViewerViewModel viewModel = new ImageViewerViewModel(image, cache);
        FXMLLoader loader = new FXMLLoader(ImageViewer.class.getResource("ImageViewer.fxml"));
        loader.setControllerFactory(type -> new ImageViewerController(viewModel, actions));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the viewer's FXML is broken", e);
        }
        root.getStylesheets().add(MediaStyles.STYLESHEET);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(960, screen.getWidth() * 0.8), Math.min(720, screen.getHeight() * 0.8));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(image.filename() + " — Parley");
        stage.setScene(scene);
        stage.show();
        viewModel.load();
        return stage;
    }
}
