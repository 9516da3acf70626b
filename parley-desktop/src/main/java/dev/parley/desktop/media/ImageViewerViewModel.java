package dev.parley.desktop.media;

import dev.parley.protocol.Attachment;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.image.Image;

/**
 * The state of the image viewer: the full image, downloaded on demand through the {@link MediaCache} (with its
 * progress) and decoded in the background; the zoom, either "fit" (the whole image in the window, never enlarged) or
 * a factor from 10 % to 800 %; and the outcome of Save as… as a sentence.
 * <p>
 * Threading: FX thread.
 */
public final class ImageViewerViewModel {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 8;
    static final double STEP = 1.25;
    /** The longest side an image is decoded at: a 48-megapixel photo would otherwise take 190 MB of memory. */
    static final double MAX_DECODED_SIDE = 4096;

    private final Attachment attachment;
    private final MediaCache cache;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private PixelSize pixels = new PixelSize(1, 1);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper fit = new ReadOnlyBooleanWrapper(this, "fit", true);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final DoubleProperty viewportWidth = new SimpleDoubleProperty(this, "viewportWidth", 1);
    private final DoubleProperty viewportHeight = new SimpleDoubleProperty(this, "viewportHeight", 1);
    private final DoubleBinding fitScale;
    private final DoubleBinding scale;
    private final ReadOnlyStringWrapper zoomText = new ReadOnlyStringWrapper(this, "zoomText", "Fit");

    /** A viewer of {@code image}; call {@link #load()} to fetch it. */
    public ImageViewerViewModel(Attachment image, MediaCache cache) {
        this.attachment = Objects.requireNonNull(image, "image");
        this.cache = Objects.requireNonNull(cache, "cache");
        fitScale = Bindings.createDoubleBinding(() -> {
            Image i = this.image.get();
            if (i == null || i.getWidth() <= 0 || i.getHeight() <= 0) {
                return 1.0;
            }
            return Math.min(1, Math.min(viewportWidth.get() / getImageWidth(),
                    viewportHeight.get() / getImageHeight()));
        }, this.image, viewportWidth, viewportHeight);
        scale = Bindings.createDoubleBinding(() -> fit.get() ? fitScale.get() : zoom.get(), fit, zoom, fitScale);
        zoomText.bind(Bindings.createStringBinding(() -> fit.get() ? "Fit (" + percent(scale.get()) + ")"
                : percent(scale.get()), fit, scale));
    }

    /**
     * Downloads the full image (from the cache when it is there), reads its size from its header and decodes it in
     * the background, at most {@link #MAX_DECODED_SIDE} pixels on its longest side.
     */
    public void load() {
        Download download = cache.original(attachment);
        progress.bind(download.progressProperty());
        download.result().whenComplete((file, failure) -> {
            progress.unbind();
            if (failure != null) {
                loading.set(false);
                error.set(download.getError());
            } else {
                cache.measure(file).thenAccept(size -> decode(file, size.orElse(null)));
            }
        });
    }

    private void decode(Path file, PixelSize size) {
        String url = file.toUri().toString();
        Image decoded;
        if (size == null) { // not a format whose header we read: let JavaFX try it as it is
            decoded = new Image(url, true);
        } else {
            double shrink = Math.min(1, MAX_DECODED_SIDE / Math.max(size.width(), size.height()));
            decoded = new Image(url, size.width() * shrink, size.height() * shrink, true, true, true);
        }
        Runnable settle = () -> {
            if (decoded.isError()) {
                loading.set(false);
                error.set("“" + attachment.filename() + "” could not be shown.");
            } else if (decoded.getProgress() >= 1 && image.get() == null) {
                pixels = size != null ? size
                        : new PixelSize((int) Math.max(1, decoded.getWidth()), (int) Math.max(1, decoded.getHeight()));
                image.set(decoded);
                loading.set(false);
            }
        };
        decoded.progressProperty().addListener((obs, was, now) -> settle.run());
        decoded.errorProperty().addListener((obs, was, now) -> settle.run());
        settle.run();
    }

    /** The image's file name. */
    public String fileName() {
        return attachment.filename();
    }

    /** The full image once decoded; null before. */
    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The image's own width in pixels (100 % shows it at this width), 0 before it is loaded. */
    public double getImageWidth() {
        return image.get() == null ? 0 : pixels.width();
    }

    /** The image's own height in pixels, 0 before it is loaded. */
    public double getImageHeight() {
        return image.get() == null ? 0 : pixels.height();
    }

    /** The download's progress, 0 to 1 (-1 while unknown). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether the image is still being downloaded or decoded. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the image cannot be shown, a sentence; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What Save as… did, a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the zoom is "fit to window". */
    public ReadOnlyBooleanProperty fitProperty() {
        return fit.getReadOnlyProperty();
    }

    /** The scale the image is shown at (1 = one image pixel per screen pixel). */
    public ObservableDoubleValue scale() {
        return scale;
    }

    /** "Fit (42 %)" or "150 %". */
    public ReadOnlyStringProperty zoomTextProperty() {
        return zoomText.getReadOnlyProperty();
    }

    /** The size of the area the image is shown in, for "fit"; the view binds them. */
    public DoubleProperty viewportWidthProperty() {
        return viewportWidth;
    }

    public DoubleProperty viewportHeightProperty() {
        return viewportHeight;
    }

    /** Enlarges by a step, from the scale shown now. */
    public void zoomIn() {
        zoomTo(scale.get() * STEP);
    }

    /** Shrinks by a step, from the scale shown now. */
    public void zoomOut() {
        zoomTo(scale.get() / STEP);
    }

    /** Shows the image at its own size (100 %). */
    public void actualSize() {
        zoomTo(1);
    }

    /** Fits the whole image into the window. */
    public void fitToWindow() {
        fit.set(true);
    }

    /** Saves the image to {@code target} (from the cache, or downloaded); the status says how it went. */
    public void saveAs(Path target) {
        status.set("Saving…");
        Download download = cache.saveAs(attachment, target);
        download.result().whenComplete((file, failure) -> status.set(failure == null
                ? "Saved to " + target.getFileName() + "." : download.getError()));
    }

    private void zoomTo(double factor) {
        zoom.set(Math.clamp(factor, MIN_ZOOM, MAX_ZOOM));
        fit.set(false);
    }

    private static String percent(double scale) {
        return Math.round(scale * 100) + " %";
    }
}
