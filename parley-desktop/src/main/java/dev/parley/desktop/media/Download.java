package dev.parley.desktop.media;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One download of a thumbnail or a file, as a view shows it: its progress (0 to 1, or
 * {@link javafx.scene.control.ProgressIndicator#INDETERMINATE_PROGRESS} while the size is unknown), whether it is
 * still running, and, when it failed, a sentence. {@link #result()} completes on the FX thread with the file, so a
 * view can chain on it (show the picture, open the file). Made by {@link MediaCache}.
 * <p>
 * Threading: FX thread.
 */
public final class Download {
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final CompletableFuture<Path> result = new CompletableFuture<>();
    private Runnable canceller = () -> { };

    Download() {
    }

    /** The share downloaded, 0 to 1; -1 while the size is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    /** Whether it is still running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Why it failed, a sentence; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /**
     * The downloaded file; completes on the FX thread, exceptionally when it failed or was cancelled. Cancelling this
     * future does not stop the download: call {@link #cancel()}.
     */
    public CompletableFuture<Path> result() {
        return result.copy();
    }

    /** The file, once downloaded. */
    public Optional<Path> file() {
        return result.isDone() && !result.isCompletedExceptionally() ? Optional.of(result.join()) : Optional.empty();
    }

    /** Stops it (nothing once it has ended); no file is left behind. */
    public void cancel() {
        if (isRunning()) {
            canceller.run();
        }
    }

    void onCancel(Runnable cancel) {
        canceller = cancel;
    }

    void progress(long done, long total) {
        if (isRunning()) {
            progress.set(total > 0 ? Math.min(1, (double) done / total) : -1);
        }
    }

    void succeed(Path file) {
        if (isRunning()) {
            progress.set(1);
            running.set(false);
            result.complete(file);
        }
    }

    void fail(String sentence, Throwable failure) {
        if (isRunning()) {
            error.set(sentence);
            running.set(false);
            result.completeExceptionally(failure);
        }
    }
}
