package dev.parley.desktop.media;

import dev.parley.client.ChatClient;
import dev.parley.client.TransferListener;
import dev.parley.protocol.Attachment;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * Downloads of images and files through the SDK ({@code chatManager().downloadThumbnail} / {@code downloadFile}) into
 * a cache directory of the profile ({@code <profile>/media/}): thumbnails in {@code thumbnails/<uuid>}, files in
 * {@code files/<uuid>/<name>}. Each is downloaded once: a later request finds the file on disk, and requests for one
 * that is on its way share its {@link Download}. {@link #saveAs} copies from the cache when the file is there, and
 * else downloads straight to the chosen place. An image the server made no thumbnail of is shown from its file. A
 * {@link LocalAttachment} (waiting in the outbox) is its file on this device, never downloaded.
 * <p>
 * Threading: its methods and the downloads' properties belong to the FX thread; disk checks and copies run on the
 * background executor, the SDK's transfers on its own threads, and their progress and results are handed to the FX
 * executor ({@code Platform::runLater} in the app).
 */
public final class MediaCache {
    private final ChatClient client;
    private final Path directory;
    private final Executor fx;
    private final Executor background;
    private final Map<Path, Download> running = new HashMap<>();

    /** A cache in {@code directory}, checking the disk on virtual threads. */
    public MediaCache(ChatClient client, Path directory, Executor fx) {
        this(client, directory, fx, Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * A cache.
     *
     * @param client     the signed-in SDK client
     * @param directory  where downloads are kept (created when needed)
     * @param fx         runs on the FX thread ({@code Platform::runLater})
     * @param background runs disk checks and copies
     */
    public MediaCache(ChatClient client, Path directory, Executor fx, Executor background) {
        this.client = Objects.requireNonNull(client, "client");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /** The thumbnail of an image (its file when the server made none), from the cache or downloaded once. FX thread. */
    public Download thumbnail(Attachment image) {
        if (image.thumbnailUrl().isEmpty() || LocalAttachment.file(image).isPresent()) {
            return original(image);
        }
        Path target = directory.resolve("thumbnails").resolve(safe(image.uuid()));
        return cached(target, image.filename(),
                (t, progress) -> client.chatManager().downloadThumbnail(image, t, progress));
    }

    /** An image's or a file's whole file, from the cache or downloaded once. FX thread. */
    public Download original(Attachment file) {
        Optional<Path> local = LocalAttachment.file(file);
        if (local.isPresent()) { // waiting in the outbox: the outbox's copy on this device
            Download download = new Download();
            download.succeed(local.get());
            return download;
        }
        return cached(originalPath(file), file.filename(),
                (t, progress) -> client.chatManager().downloadFile(file, t, progress));
    }

    /** Writes the file to {@code target}: copied from the cache when it is there, else downloaded. FX thread. */
    public Download saveAs(Attachment file, Path target) {
        Objects.requireNonNull(target, "target");
        Download download = new Download();
        Path cached = LocalAttachment.file(file).orElse(originalPath(file));
        background.execute(() -> {
            if (Files.isRegularFile(cached)) {
                try {
                    copy(cached, target);
                    fx.execute(() -> download.succeed(target));
                } catch (IOException e) {
                    fx.execute(() -> download.fail(MediaErrors.describeDownload(e, file.filename()), e));
                }
            } else {
                fx.execute(() -> fetch(download, target, file.filename(),
                        (t, progress) -> client.chatManager().downloadFile(file, t, progress), () -> { }));
            }
        });
        return download;
    }

    /** The size in pixels of an image file, read from its header off the FX thread; completes on the FX thread. */
    public CompletableFuture<Optional<PixelSize>> measure(Path image) {
        CompletableFuture<Optional<PixelSize>> size = new CompletableFuture<>();
        background.execute(() -> {
            Optional<PixelSize> found = PixelSize.of(image);
            fx.execute(() -> size.complete(found));
        });
        return size;
    }

    private Download cached(Path target, String name,
                            BiFunction<Path, TransferListener, CompletableFuture<Path>> transfer) {
        Download existing = running.get(target);
        if (existing != null) {
            return existing;
        }
        Download download = new Download();
        running.put(target, download);
        Runnable done = () -> running.remove(target, download);
        background.execute(() -> {
            boolean there;
            try {
                there = Files.isRegularFile(target) && Files.size(target) > 0;
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                fx.execute(() -> {
                    done.run();
                    download.fail(MediaErrors.describeDownload(e, name), e);
                });
                return;
            }
            fx.execute(() -> {
                if (there) {
                    done.run();
                    download.succeed(target);
                } else {
                    fetch(download, target, name, transfer, done);
                }
            });
        });
        return download;
    }

    /** Starts the SDK's transfer of {@code name} to {@code target}, reported in {@code download}; FX thread. */
    private void fetch(Download download, Path target, String name,
                       BiFunction<Path, TransferListener, CompletableFuture<Path>> transfer, Runnable done) {
        CompletableFuture<Path> future = transfer.apply(target,
                (moved, total) -> fx.execute(() -> download.progress(moved, total)));
        download.onCancel(() -> future.cancel(true));
        future.whenComplete((path, failure) -> fx.execute(() -> {
            done.run();
            if (failure == null) {
                download.succeed(path);
            } else if (future.isCancelled() || MediaErrors.unwrap(failure) instanceof CancellationException) {
                download.fail("The download of “" + name + "” was cancelled.", failure);
            } else {
                download.fail(MediaErrors.describeDownload(failure, name), failure);
            }
        }));
    }

    private Path originalPath(Attachment file) {
        return directory.resolve("files").resolve(safe(file.uuid())).resolve(safeName(file.filename()));
    }

    /** Copies through a temporary file beside {@code target}, moved into place when complete. Blocking. */
    private static void copy(Path from, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".part");
        try {
            Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** An upload's id as one safe file name. */
    private static String safe(String uuid) {
        String s = uuid.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    /** A sender's file name as one safe file name: no separators, control characters or leading dots. */
    static String safeName(String filename) {
        String s = filename.replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip().replaceFirst("^\\.+", "");
        if (s.length() > 120) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            s = s.substring(0, 120 - ext.length()) + ext;
        }
        return s.isEmpty() ? "file" : s;
    }
}
