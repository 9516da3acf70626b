package dev.parley.desktop.profile;

import dev.parley.desktop.service.FxBoundary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;

/**
 * The avatar part of the settings pane: the current picture, and the crop of a newly chosen one. Choosing a file
 * ({@link #pick}) decodes it and starts a crop with the largest square in the middle; the view moves and resizes
 * {@link #selectionProperty()}; {@link #save()} cuts the square, scales it to 256 × 256, writes it as a temporary PNG
 * file and uploads it. FX thread only; reading, decoding, encoding and file IO run on virtual threads and come back
 * through {@link FxBoundary}.
 */
public final class AvatarEditor {
    private static final System.Logger LOG = System.getLogger(AvatarEditor.class.getName());
    private final ProfileService profile;
    private final FxBoundary fx;
    private final ReadOnlyObjectWrapper<Image> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<Picture> cropping = new ReadOnlyObjectWrapper<>(this, "cropping");
    private final ObjectProperty<CropSquare> selection = new SimpleObjectProperty<>(this, "selection");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final BooleanBinding croppingNow = cropping.isNotNull();
    /** Counts picks and loads, so that a result that was overtaken is dropped. */
    private final AtomicLong generation = new AtomicLong();

    AvatarEditor(ProfileService profile, Executor fxExecutor) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.fx = new FxBoundary(fxExecutor);
        selection.addListener((o, old, square) -> {
            Picture p = cropping.get();
            if (p != null && square != null) {
                CropSquare inside = square.clampedTo(p.width(), p.height());
                if (!inside.equals(square)) {
                    selection.set(inside);
                }
            }
        });
    }

    /** The avatar now on the server, {@code null} when there is none (initials are shown). */
    public ReadOnlyObjectProperty<Image> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The picture being cropped, {@code null} when none is. */
    ReadOnlyObjectProperty<Picture> croppingProperty() {
        return cropping.getReadOnlyProperty();
    }

    /** Whether a crop is under way (the crop view shows). */
    public BooleanBinding croppingBinding() {
        return croppingNow;
    }

    /** The square to keep, in the picture's pixels; always inside the picture. */
    ObjectProperty<CropSquare> selectionProperty() {
        return selection;
    }

    /** What happened last ("Picture saved.", or a sentence for what went wrong). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the message tells of a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Whether a picture is being read or uploaded. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Shows the avatar file's bytes as the current avatar (decoded off the FX thread), or initials for none. */
    void showCurrent(Optional<byte[]> avatar) {
        long mine = generation.incrementAndGet();
        if (avatar.isEmpty()) {
            current.set(null);
            return;
        }
        fx.whenDone(background(() -> decode(avatar.get())), () -> generation.get() == mine, (image, failure) ->
                current.set(failure == null ? image : null));
    }

    /** Reads {@code file} and starts cropping it; a file that is not a picture is told as a sentence. */
    public void pick(Path file) {
        Objects.requireNonNull(file, "file");
        long mine = generation.incrementAndGet();
        busy.set(true);
        say("", false);
        fx.whenDone(background(() -> {
            try {
                return Picture.read(file);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }), () -> generation.get() == mine, (picture, failure) -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                say("Picture: " + lowerFirst(cause.getMessage()), true);
                return;
            }
            cropping.set(picture);
            selection.set(picture.initialSquare());
        });
    }

    /** Uploads the selected square as the avatar; the crop closes when the server took it. */
    public void save() {
        Picture picture = cropping.get();
        CropSquare square = selection.get();
        if (picture == null || square == null || busy.get()) {
            return;
        }
        long mine = generation.incrementAndGet();
        busy.set(true);
        say("Saving the picture…", false);
        CompletableFuture<Made> made = background(() -> {
            try {
                Path file = Files.createTempFile("parley-avatar-", ".png");
                return new Made(file, picture.writeAvatar(square, file));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        fx.whenDone(made, () -> generation.get() == mine, (avatar, failure) -> {
            if (failure != null) {
                busy.set(false);
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                say("Picture: it could not be made (" + cause.getMessage() + ").", true);
                return;
            }
            profile.uploadAvatar(avatar.file()).whenComplete((ok, refused) -> {
                background(() -> delete(avatar.file()));
                if (generation.get() != mine || refused instanceof CancellationException) {
                    return;
                }
                busy.set(false);
                if (refused != null) {
                    say(refused.getMessage(), true);
                } else {
                    cropping.set(null);
                    say("Picture saved.", false);
                    current.set(avatar.image());
                }
            });
        });
    }

    /** An avatar made from the crop: its PNG file (temporary) and the image, to show once it is saved. */
    private record Made(Path file, Image image) {
    }

    /** Ends a crop without saving. */
    public void cancel() {
        generation.incrementAndGet();
        busy.set(false);
        cropping.set(null);
        say("", false);
    }

    /** Forgets everything (signed out). */
    void clear() {
        cancel();
        current.set(null);
    }

    private void say(String sentence, boolean failure) {
        message.set(sentence);
        failed.set(failure);
    }

    private static Image decode(byte[] bytes) {
        try {
            return Picture.shown(bytes);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static Void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "temporary avatar file not deleted: {0}", e.getMessage());
        }
        return null;
    }

    private static <T> CompletableFuture<T> background(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> Thread.ofVirtual().name("parley-picture").start(task));
    }

    private static String lowerFirst(String sentence) {
        return sentence == null || sentence.isEmpty() ? "it cannot be read."
                : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
