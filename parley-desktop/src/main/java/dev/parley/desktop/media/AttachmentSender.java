package dev.parley.desktop.media;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sends images and files to a conversation through the SDK ({@code ChatMessage.createImageSendMessage} /
 * {@code createFileSendMessage} with the conversation's chat type, {@code ChatClient.send(message, progress)}), one
 * {@link Upload} each. Before a byte goes up, the file is checked off the FX thread: a file over the server's limit
 * ({@link #DEFAULT_MAX_BYTES} unless told otherwise) is refused with a sentence, and an image's width and height are
 * read from its header ({@link PixelSize}) so that recipients can lay it out before they download it.
 * <p>
 * {@link #getUploads()} lists what the composer shows: uploads under way, and failed ones until dismissed; sent and
 * cancelled ones leave the list. A temporary file (a pasted image) is deleted, off the FX thread, once its upload has
 * ended. One sender per signed-in {@link ChatClient}.
 * <p>
 * While its {@link Outbox} holds messages (the connection is not up, or messages written before still wait), a
 * checked file is not uploaded: the outbox keeps a copy of it, off the FX thread, and the message goes there
 * ({@link UploadState#QUEUED}), to be shown as waiting and sent in the order written, also after a restart.
 * <p>
 * Threading: its methods and the uploads' properties belong to the FX thread; file checks and deletions run on the
 * background executor; the SDK's progress and results are handed to the FX executor ({@code Platform::runLater} in
 * the app).
 */
public final class AttachmentSender {
    /** The server's default upload limit: 10 MiB, as Agora's. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private final ChatClient client;
    private final Executor fx;
    private final Executor background;
    private final long maxBytes;
    private final ObservableList<Upload> uploads = FXCollections.observableArrayList();
    private final Outbox outbox;

    /**
     * Where an image or file goes when it cannot be sent at once: the app's outbox, which keeps it across a restart.
     */
    public interface Outbox {
        /** An outbox that never holds anything: every file is uploaded at once. */
        Outbox NONE = new Outbox() {
            @Override
            public boolean holds() {
                return false;
            }

            @Override
            public Path keep(String localId, Path file, String name) {
                throw new UnsupportedOperationException("this outbox keeps nothing");
            }

            @Override
            public void queue(ConversationId to, ChatMessage message) {
                throw new UnsupportedOperationException("this outbox keeps nothing");
            }
        };

        /** Whether a message sent now would wait (no connection, or messages before it still wait). FX thread. */
        boolean holds();

        /** A copy of {@code file} kept for message {@code localId} as {@code name}. Blocks: off the FX thread. */
        Path keep(String localId, Path file, String name) throws IOException;

        /** Puts {@code message} (its body the kept copy) to {@code to} in the outbox. FX thread. */
        void queue(ConversationId to, ChatMessage message);
    }

    /** A sender with the default limit, checking files on virtual threads. */
    public AttachmentSender(ChatClient client, Executor fx) {
        this(client, fx, Executors.newVirtualThreadPerTaskExecutor(), DEFAULT_MAX_BYTES);
    }

    /** A sender with the default limit, checking files on virtual threads, whose files wait in {@code outbox}. */
    public AttachmentSender(ChatClient client, Executor fx, Outbox outbox) {
        this(client, fx, Executors.newVirtualThreadPerTaskExecutor(), DEFAULT_MAX_BYTES, outbox);
    }

    /**
     * A sender.
     *
     * @param client     the signed-in SDK client
     * @param fx         runs on the FX thread ({@code Platform::runLater})
     * @param background runs file checks and deletions
     * @param maxBytes   the largest file the server takes
     */
    public AttachmentSender(ChatClient client, Executor fx, Executor background, long maxBytes) {
        this(client, fx, background, maxBytes, Outbox.NONE);
    }

    /**
     * A sender whose files wait in {@code outbox} while it {@linkplain Outbox#holds() holds} messages (the others as
     * {@link #AttachmentSender(ChatClient, Executor, Executor, long)}).
     */
    public AttachmentSender(ChatClient client, Executor fx, Executor background, long maxBytes, Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.background = Objects.requireNonNull(background, "background");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /** Uploads under way, and failed ones until {@link #dismiss dismissed}; FX thread. */
    public ObservableList<Upload> getUploads() {
        return uploads;
    }

    /** The largest file the server takes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Sends {@code file} as an image if it is one (PNG, JPEG, GIF, BMP by its header), else as a file. FX thread. */
    public Upload send(ConversationId to, Path file) {
        return start(to, file, Kind.AS_FOUND, fileName(file), false);
    }

    /** Sends {@code image} as an image (as a file if its header is not an image's). FX thread. */
    public Upload sendImage(ConversationId to, Path image) {
        return start(to, image, Kind.AS_FOUND, fileName(image), false);
    }

    /** Sends {@code file} as a file, whatever it holds. FX thread. */
    public Upload sendFile(ConversationId to, Path file) {
        return start(to, file, Kind.FILE, fileName(file), false);
    }

    /**
     * Sends a temporary file under the name {@code name}: {@code write} makes it, off the FX thread (a pasted image
     * written as PNG), and it is deleted once the upload has ended, however it ended. The upload is listed at once;
     * a failure of {@code write} fails it with a sentence. FX thread.
     */
    public Upload sendTemporary(ConversationId to, String name, Callable<Path> write) {
        return start(to, name, Kind.AS_FOUND, write, true);
    }

    /** Takes a finished upload (failed or cancelled) off the list; cancels one under way first. FX thread. */
    public void dismiss(Upload upload) {
        upload.cancel();
        uploads.remove(upload);
    }

    private Upload start(ConversationId to, Path file, Kind kind, String name, boolean temporary) {
        Objects.requireNonNull(file, "file");
        return start(to, name, kind, () -> file, temporary);
    }

    private Upload start(ConversationId to, String name, Kind kind, Callable<Path> source, boolean temporary) {
        Objects.requireNonNull(to, "to");
        Upload upload = new Upload(to, name);
        uploads.add(upload);
        background.execute(() -> {
            Path file;
            try {
                file = source.call();
            } catch (Exception e) {
                fx.execute(() -> begin(upload, Path.of(""), Checked.refused("“" + name + "” could not be written."),
                        false));
                return;
            }
            Checked checked = check(to, file, kind, name);
            fx.execute(() -> begin(upload, file, checked, temporary));
        });
        return upload;
    }

    /** Off the FX thread: the file's size against the limit, and whether it is an image and of what size. */
    private Checked check(ConversationId to, Path file, Kind kind, String name) {
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                return Checked.refused("“" + name + "” is not a file that can be sent.");
            }
            size = Files.size(file);
        } catch (IOException | SecurityException e) {
            return Checked.refused("“" + name + "” could not be read.");
        }
        if (size > maxBytes) {
            return Checked.refused("“" + name + "” is too large to send: " + FileKinds.humanSize(size)
                    + ", and the server takes files up to " + FileKinds.humanSize(maxBytes) + ".");
        }
        Optional<PixelSize> pixels = kind == Kind.FILE ? Optional.empty() : PixelSize.of(file);
        try {
            ChatMessage message = pixels
                    .map(p -> ChatMessage.createImageSendMessage(to.id(), file).withImageSize(p.width(), p.height()))
                    .orElseGet(() -> ChatMessage.createFileSendMessage(to.id(), file));
            return new Checked(message.withChatType(to.chatType()).withFileName(name), pixels.isPresent(), "");
        } catch (IllegalArgumentException e) { // gone meanwhile
            return Checked.refused("“" + name + "” could not be read.");
        }
    }

    /** On the FX thread: hands the checked file to the SDK, unless it was refused or cancelled meanwhile. */
    private void begin(Upload upload, Path file, Checked checked, boolean temporary) {
        Runnable ended = () -> {
            if (upload.getState() != UploadState.FAILED) {
                uploads.remove(upload);
            }
            if (temporary) {
                background.execute(() -> deleteQuietly(file));
            }
        };
        if (!checked.refusal().isEmpty()) {
            upload.fail(checked.refusal());
        }
        if (upload.getState().isFinished()) {
            ended.run();
            return;
        }
        upload.kind(checked.image());
        if (outbox.holds()) {
            queue(upload, file, checked.message(), ended);
            return;
        }
        upload.sending(client.send(checked.message(),
                (sent, total) -> fx.execute(() -> upload.progress(sent, total))), fx, ended);
    }

    /** The outbox holds messages: a copy of the file is kept (off the FX thread) and the message waits there. */
    private void queue(Upload upload, Path file, ChatMessage message, Runnable ended) {
        MessageBody.LocalFile f = (MessageBody.LocalFile) message.body();
        background.execute(() -> {
            Path kept;
            try {
                kept = outbox.keep(message.localId(), file, f.filename());
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    upload.fail("“" + upload.name() + "” could not be kept to send later: " + e.getMessage());
                    ended.run();
                });
                return;
            }
            fx.execute(() -> {
                if (!upload.getState().isFinished()) { // not cancelled meanwhile
                    outbox.queue(upload.conversation(), new ChatMessage(message.localId(), message.to(),
                            message.chatType(), new MessageBody.LocalFile(f.msgType(), kept, f.filename(), f.mime(),
                            f.width(), f.height()), message.ext()));
                    upload.queued();
                }
                ended.run();
            });
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's temp cleaner has it otherwise
        }
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "file" : name.toString();
    }

    /** How a file is to be sent. */
    private enum Kind { AS_FOUND, FILE }

    /** The outcome of checking a file: the message to send, or a sentence refusing it. */
    private record Checked(ChatMessage message, boolean image, String refusal) {
        static Checked refused(String sentence) {
            return new Checked(null, false, sentence);
        }
    }
}
