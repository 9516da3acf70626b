package dev.parley.desktop.media;

import dev.parley.protocol.Attachment;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * An image in a message bubble: at once a placeholder of the image's aspect ratio (4:3 while the sender gave no size),
 * then its thumbnail, downloaded once through the {@link MediaCache} and decoded in the background at the size shown
 * ({@code new Image(url, w, h, true, true, true)}), so that neither a large image nor many of them make scrolling
 * stutter. Clicking it, or Enter or Space when it has the focus, asks to open it (the {@link ImageViewer}). A thumbnail
 * that cannot be had shows a sentence in the placeholder.
 * <p>
 * Threading: FX thread; downloads and decoding run elsewhere.
 */
public final class ImageBubble extends StackPane {
    /** The longest side of an image in a bubble, in pixels. */
    public static final double MAX_SIDE = 240;
    /** The shortest side, so that a thin strip can still be clicked. */
    private static final double MIN_SIDE = 32;

    private final Attachment attachment;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final Region placeholder = new Region();
    private final ImageView view = new ImageView();

    /**
     * A bubble of {@code image}.
     *
     * @param open asked to open the image (the viewer) when it is clicked or activated
     */
    public ImageBubble(Attachment image, MediaCache cache, Consumer<Attachment> open) {
        this.attachment = Objects.requireNonNull(image, "image");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(open, "open");
        getStyleClass().add("image-bubble");
        getStylesheets().add(MediaStyles.STYLESHEET);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.BUTTON);
        setAccessibleText("Image " + image.filename() + ". Press Enter to open it.");

        double ratio = image.width() > 0 && image.height() > 0 ? (double) image.width() / image.height() : 4.0 / 3;
        double[] size = displaySize(ratio, Math.max(image.width(), image.height()));
        placeholder.getStyleClass().add("image-placeholder");
        placeholder.setPrefSize(size[0], size[1]);
        placeholder.setMinSize(size[0], size[1]);
        placeholder.setMaxSize(size[0], size[1]);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setVisible(false);
        Rectangle clip = new Rectangle();
        clip.setArcWidth(16);
        clip.setArcHeight(16);
        clip.widthProperty().bind(view.fitWidthProperty());
        clip.heightProperty().bind(view.fitHeightProperty());
        view.setClip(clip);
        getChildren().addAll(placeholder, view);

        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                requestFocus();
                open.accept(attachment);
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                open.accept(attachment);
                e.consume();
            }
        });

        Download thumbnail = cache.thumbnail(image);
        thumbnail.result().whenComplete((file, failure) -> {
            if (failure != null) {
                showError(thumbnail.getError().isEmpty() ? "The image could not be loaded." : thumbnail.getError());
            } else {
                decode(file.toUri().toString(), size);
            }
        });
    }

    /** The attachment shown. */
    public Attachment attachment() {
        return attachment;
    }

    /** The decoded thumbnail once loaded; null before. */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public Image getImage() {
        return image.get();
    }

    /** Why no picture is shown, a sentence; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** Decodes the thumbnail in the background at the size shown; shows it when loaded. */
    private void decode(String url, double[] size) {
        Image decoded = new Image(url, size[0], size[1], true, true, true);
        Runnable settle = () -> {
            if (decoded.isError()) {
                showError("The image could not be shown.");
            } else if (decoded.getProgress() >= 1 && decoded.getWidth() > 0) {
                show(decoded);
            }
        };
        decoded.progressProperty().addListener((obs, was, now) -> settle.run());
        decoded.errorProperty().addListener((obs, was, now) -> settle.run());
        settle.run();
    }

    private void show(Image decoded) {
        if (image.get() == decoded) {
            return;
        }
        view.setFitWidth(decoded.getWidth()); // decoded at the size shown, in the thumbnail's own ratio
        view.setFitHeight(decoded.getHeight());
        view.setImage(decoded);
        view.setVisible(true);
        placeholder.setVisible(false);
        image.set(decoded);
    }

    private void showError(String sentence) {
        error.set(sentence);
        Label label = new Label(sentence);
        label.getStyleClass().add("image-error");
        label.setMaxWidth(placeholder.getPrefWidth() - 8);
        getChildren().add(label);
    }

    /** Width and height shown for an image of {@code ratio} whose longest side is {@code longest} pixels. */
    static double[] displaySize(double ratio, double longest) {
        double side = Math.min(MAX_SIDE, longest);
        double w = ratio >= 1 ? side : side * ratio;
        double h = ratio >= 1 ? side / ratio : side;
        return new double[] {Math.max(MIN_SIDE, Math.round(w)), Math.max(MIN_SIDE, Math.round(h))};
    }
}
