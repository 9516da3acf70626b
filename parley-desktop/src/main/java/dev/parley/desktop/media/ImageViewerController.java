package dev.parley.desktop.media;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The controller of {@code ImageViewer.fxml}: binds the view to the {@link ImageViewerViewModel} and forwards the
 * buttons and keys: Ctrl+wheel, Ctrl+Plus / Ctrl+Minus zoom, Ctrl+0 fits, Escape closes the window.
 * <p>
 * Threading: FX thread.
 */
public final class ImageViewerController {
    private final ImageViewerViewModel viewModel;
    private final FileActions actions;

    @FXML private BorderPane root;
    @FXML private ScrollPane scroller;
    @FXML private StackPane canvas;
    @FXML private ImageView imageView;
    @FXML private VBox loadingBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label loadingLabel;
    @FXML private Label errorLabel;
    @FXML private Label zoomLabel;
    @FXML private Label statusLabel;
    @FXML private Button zoomInButton;
    @FXML private Button zoomOutButton;
    @FXML private Button saveButton;

    ImageViewerController(ImageViewerViewModel viewModel, FileActions actions) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @FXML
    private void initialize() {
        imageView.imageProperty().bind(viewModel.imageProperty());
        imageView.fitWidthProperty().bind(Bindings.createDoubleBinding(
                () -> viewModel.getImageWidth() * viewModel.scale().get(), viewModel.imageProperty(),
                viewModel.scale()));
        viewModel.viewportWidthProperty().bind(Bindings.createDoubleBinding(
                () -> scroller.getViewportBounds().getWidth(), scroller.viewportBoundsProperty()));
        viewModel.viewportHeightProperty().bind(Bindings.createDoubleBinding(
                () -> scroller.getViewportBounds().getHeight(), scroller.viewportBoundsProperty()));
        canvas.minWidthProperty().bind(imageView.fitWidthProperty());
        canvas.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> viewModel.getImageHeight() * viewModel.scale().get(), viewModel.imageProperty(),
                viewModel.scale()));
        progressBar.progressProperty().bind(viewModel.progressProperty());
        loadingBox.visibleProperty().bind(viewModel.loadingProperty().and(viewModel.errorProperty().isEmpty()));
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        zoomLabel.textProperty().bind(viewModel.zoomTextProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        zoomInButton.disableProperty().bind(viewModel.imageProperty().isNull());
        zoomOutButton.disableProperty().bind(viewModel.imageProperty().isNull());
        saveButton.disableProperty().bind(viewModel.imageProperty().isNull());
        scroller.addEventFilter(ScrollEvent.SCROLL, this::onScroll);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    @FXML
    private void zoomIn() {
        viewModel.zoomIn();
    }

    @FXML
    private void zoomOut() {
        viewModel.zoomOut();
    }

    @FXML
    private void fit() {
        viewModel.fitToWindow();
    }

    @FXML
    private void actualSize() {
        viewModel.actualSize();
    }

    @FXML
    private void saveAs() {
        actions.chooseSaveTarget(window(), viewModel.fileName()).ifPresent(viewModel::saveAs);
    }

    @FXML
    private void close() {
        window().hide();
    }

    private void onScroll(ScrollEvent e) {
        if (e.isShortcutDown() && e.getDeltaY() != 0) {
            if (e.getDeltaY() > 0) {
                viewModel.zoomIn();
            } else {
                viewModel.zoomOut();
            }
            e.consume();
        }
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ESCAPE) {
            close();
        } else if (e.isShortcutDown() && (code == KeyCode.PLUS || code == KeyCode.EQUALS || code == KeyCode.ADD)) {
            viewModel.zoomIn();
        } else if (e.isShortcutDown() && (code == KeyCode.MINUS || code == KeyCode.SUBTRACT)) {
            viewModel.zoomOut();
        } else if (e.isShortcutDown() && (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0)) {
            viewModel.fitToWindow();
        } else {
            return;
        }
        e.consume();
    }

    private Window window() {
        return root.getScene().getWindow();
    }
}
