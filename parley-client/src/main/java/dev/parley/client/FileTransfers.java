package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Files over the REST API: uploads ({@code POST /{org}/{app}/chatfiles}, multipart with a part {@code file}),
 * downloads ({@code GET …/chatfiles/{uuid}} with the {@code share-secret} header, {@code ?thumbnail=true} for an
 * image's thumbnail) and the avatar ({@code PUT …/users/{user}/avatar}). Each streams between the disk and the network
 * in buffers, never holding a file in memory, reports progress, and can be stopped (see {@link Transfer}).
 * <p>
 * No overall time limit applies (a large file on a slow link takes its time); instead a transfer fails with
 * {@link ErrorCode#TIMEOUT} when no byte moved for the REST timeout (and an upload when the server does not answer
 * within it once the body is sent). A download is written to a temporary file beside the target and moved into place
 * only when complete; a failed or cancelled one leaves no file behind. Thread-safe.
 */
final class FileTransfers {
    private static final int BUFFER = 64 * 1024;
    /** The most bytes of an error answer read. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RestApi rest;
    private final Executor callbacks;
    private final Duration stallTime;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("parley-transfers").factory());

    /**
     * Transfers through {@code rest}'s HTTP client.
     *
     * @param callbacks where progress callbacks run (the client's event thread)
     */
    FileTransfers(RestApi rest, Executor callbacks) {
        this.rest = rest;
        this.callbacks = callbacks;
        this.stallTime = rest.timeout();
    }

    /** Uploads {@code file} as {@code filename}; the result is its attachment (uuid, secret, name, size, type). */
    Transfer<Attachment> upload(String token, Path file, String filename, String mime, TransferListener listener) {
        Transfer<Attachment> transfer = new Transfer<>("the upload of " + filename, listener, callbacks);
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IOException("not a readable file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            transfer.fail(new ChatException(ErrorCode.FILE_NOT_FOUND, "cannot upload " + file + ": " + e.getMessage(), e));
            return transfer;
        }
        MultipartBody body = new MultipartBody("file", filename, mime, file, size);
        // Expect: 100-continue: the server may refuse the upload from its headers (too large, bad token) before a byte
        // of the file is sent, and the refusal is then read as such instead of a write cut off by the closing socket
        HttpRequest request = rest.request("/chatfiles", token).timeout(Duration.ofDays(1)) // the watchdog bounds it
                .expectContinue(true)
                .header("Content-Type", body.contentType()).POST(body.publisher(transfer)).build();
        transfer.watch(watchdog, stallTime);
        transfer.exchange(rest.http().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        transfer.fail(RestApi.transportFailure(request, failure));
                    } else if (response.statusCode() >= 400) {
                        transfer.fail(RestApi.restFailure(response.statusCode(), response.body(), RestErrors.FILES));
                    } else {
                        try {
                            transfer.succeed(JsonBodies.uploaded(response.body(), filename, size, mime));
                        } catch (IllegalArgumentException e) {
                            transfer.fail(new ChatException(ErrorCode.FILE_UPLOAD_FAILED,
                                    "unexpected answer to an upload: " + e.getMessage(), e));
                        }
                    }
                }));
        return transfer;
    }

    /**
     * Downloads an attachment's file, or its thumbnail, to {@code target} (replacing a file there).
     *
     * @return the transfer; its result is {@code target}
     */
    Transfer<Path> download(String token, Attachment file, boolean thumbnail, Path target, TransferListener listener) {
        String what = (thumbnail ? "the thumbnail of " : "the download of ") + file.filename();
        Transfer<Path> transfer = new Transfer<>(what, listener, callbacks);
        HttpRequest request = rest.request("/chatfiles/" + RestApi.segment(file.uuid())
                        + (thumbnail ? "?thumbnail=true" : ""), token)
                .header("Accept", "*/*").header("share-secret", file.secret()).GET().build();
        transfer.watch(watchdog, stallTime);
        transfer.exchange(rest.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        transfer.fail(RestApi.transportFailure(request, failure));
                    } else {
                        Thread.ofVirtual().name("parley-download").start(() -> receive(response, target, transfer));
                    }
                }));
        return transfer;
    }

    /** Puts {@code image} as {@code user}'s avatar ({@code PUT …/users/{user}/avatar}, the image as the body). */
    CompletableFuture<Void> putAvatar(String user, String token, Path image, String mime) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(image);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ChatException(ErrorCode.FILE_NOT_FOUND,
                    "cannot upload " + image + ": " + e.getMessage(), e));
        }
        HttpRequest request = rest.request("/users/" + RestApi.segment(user) + "/avatar", token).expectContinue(true)
                .header("Content-Type", mime).PUT(body).build();
        return rest.call(request, RestErrors.FILES, answer -> null);
    }

    /** Stops the watchdog's thread (transfers in flight end with the HTTP client). */
    void close() {
        watchdog.shutdownNow();
    }

    /** Writes the answer of a download to a temporary file, then moves it into place (on a virtual thread). */
    private static void receive(HttpResponse<InputStream> response, Path target, Transfer<Path> transfer) {
        try (InputStream in = response.body()) {
            transfer.stream(in);
            if (response.statusCode() >= 400) {
                String error = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                transfer.fail(RestApi.restFailure(response.statusCode(), error, RestErrors.FILES));
                return;
            }
            transfer.begin(response.headers().firstValueAsLong("Content-Length").orElse(-1));
            Path temp = temporaryBeside(target, transfer);
            if (temp == null) {
                return;
            }
            try {
                copy(in, temp, transfer);
                moveIntoPlace(temp, target);
                transfer.succeed(target);
            } catch (ChatException e) {
                transfer.fail(e);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            transfer.fail(new ChatException(ErrorCode.FILE_DOWNLOAD_FAILED, "could not write " + target + ": "
                    + e.getMessage(), e));
        }
    }

    private static Path temporaryBeside(Path target, Transfer<Path> transfer) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(dir, "." + target.getFileName() + "-", ".part");
        } catch (IOException e) {
            transfer.fail(new ChatException(ErrorCode.FILE_DOWNLOAD_FAILED, "cannot write in " + dir + ": "
                    + e.getMessage(), e));
            return null;
        }
    }

    /** Copies the body to {@code temp}: a read that fails is the network's fault (16), a write the disk's (403). */
    private static void copy(InputStream in, Path temp, Transfer<Path> transfer) throws IOException {
        try (OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[BUFFER];
            while (true) {
                int n;
                try {
                    transfer.checkNotStopped();
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw transfer.stopReason(new ChatException(ErrorCode.DISCONNECTED,
                            "the download broke off: " + e.getMessage(), e));
                }
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
                transfer.moved(n);
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
