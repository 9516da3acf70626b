package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sending messages: the {@link Outbox} of sends waiting for their receipt (with their timeouts), and the uploads of
 * their files. Used on the client's loop thread only; frames go out through the session's writer, which drops them
 * while no link is up. (What arrives is the {@link Inbox}'s.)
 *
 * <h2>Messages with a file</h2>
 * A message with a {@link MessageBody.LocalFile} is uploaded while the client is logged in: at once if it is, else
 * after the next login. Once uploaded it is sent like any other message, with the attachment in place of the file, and
 * its send timeout starts then (the upload itself is bounded by the transfers' stall timeout, not the send timeout).
 * An upload that fails with a lost connection or a busy server ({@link #retries}) starts over: after a delay if the
 * client is still logged in (at most {@link #MAX_FAILED_UPLOADS} such failures), else after the next login; any other
 * failure, or the limit, fails the message. Messages are written in the order they become ready: a text sent while an
 * image uploads may arrive first.
 */
final class Messaging {
    /** How many uploads of one message may fail while logged in before the message fails. */
    static final int MAX_FAILED_UPLOADS = 5;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** Uploads a message's file (the session supplies the current token). */
    @FunctionalInterface
    interface Uploader {
        Transfer<Attachment> upload(MessageBody.LocalFile file, TransferListener progress);
    }

    private final ClientLoop loop;
    private final Duration sendTimeout;
    private final EventDispatcher events;
    private final Consumer<Frame.ClientFrame> write;
    private final Uploader uploader;
    private final BooleanSupplier loggedIn;
    private final Outbox outbox = new Outbox();

    Messaging(ClientLoop loop, Duration sendTimeout, EventDispatcher events, Consumer<Frame.ClientFrame> write,
              Uploader uploader, BooleanSupplier loggedIn) {
        this.loop = loop;
        this.sendTimeout = sendTimeout;
        this.events = events;
        this.write = write;
        this.uploader = uploader;
        this.loggedIn = loggedIn;
    }

    /**
     * Sends a message now if logged in, else keeps it for {@link #loggedIn()}; the timeout of a message without a
     * file starts now. The same message while it still waits is not sent again: the future follows the first send's.
     * Cancelling the future takes the message out of the outbox (and stops its upload).
     */
    void send(ChatMessage message, TransferListener progress, CompletableFuture<SendReceipt> future) {
        if (future.isDone()) { // cancelled before the loop got to it
            return;
        }
        var waiting = outbox.futureOf(message.localId());
        if (waiting.isPresent()) {
            waiting.get().whenComplete((receipt, failure) -> {
                if (failure != null) {
                    Completions.fail(future, failure instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : failure);
                } else {
                    Completions.succeed(future, receipt);
                }
            });
            return;
        }
        Outbox.Entry entry = outbox.add(message, future, progress);
        future.whenComplete((r, failure) -> {
            if (future.isCancelled()) {
                loop.run(() -> outbox.cancel(message.localId(), future), () -> { });
            }
        });
        if (entry.ready()) {
            startTimer(entry);
            if (loggedIn.getAsBoolean()) {
                write.accept(message.frame());
            }
        } else if (loggedIn.getAsBoolean()) {
            upload(entry);
        }
    }

    /**
     * After a (re)login: sends every waiting message again, oldest first, with its local id, and starts the uploads
     * that are not under way.
     */
    void loggedIn() {
        for (Outbox.Entry entry : outbox.entries()) {
            if (entry.ready()) {
                write.accept(entry.message().frame());
            } else if (entry.upload().isEmpty()) {
                upload(entry);
            }
        }
    }

    /** The server stored a message; raised even if its send already timed out (it did get through). */
    void receipt(Frame.Receipt receipt) {
        outbox.receipt(receipt.localId(), receipt.id(), receipt.time());
        events.fire(h -> h.onReceivedMessage(receipt.localId(), receipt.id()));
    }

    /** The server refused the message with this local id. */
    void refused(String localId, ChatException failure) {
        outbox.fail(localId, failure);
    }

    /** Fails every waiting message (the session ended), stopping their uploads. */
    void failAll(ChatException failure) {
        outbox.failAll(failure);
    }

    /** The number of messages waiting (for tests). */
    int waiting() {
        return outbox.size();
    }

    /** Whether a failed upload is worth another attempt: a lost connection, a timeout, a busy or limiting server. */
    static boolean retries(ChatException failure) {
        int code = failure.code();
        return code == ErrorCode.DISCONNECTED.code() || code == ErrorCode.TIMEOUT.code()
                || code == ErrorCode.SERVER_BUSY.code() || code == ErrorCode.RATE_LIMITED.code();
    }

    private void upload(Outbox.Entry entry) {
        MessageBody.LocalFile file = (MessageBody.LocalFile) entry.message().body();
        Transfer<Attachment> transfer = uploader.upload(file, entry.progress);
        entry.uploading(transfer);
        String localId = entry.message().localId();
        transfer.result().whenComplete((attachment, failure) -> loop.run(
                () -> uploadEnded(localId, transfer, attachment, failure), () -> { }));
    }

    private void uploadEnded(String localId, Transfer<?> transfer, Attachment attachment, Throwable failure) {
        Outbox.Entry entry = outbox.entry(localId).orElse(null);
        if (entry == null || entry.upload().orElse(null) != transfer) {
            return; // failed, cancelled or sent meanwhile
        }
        if (failure == null) {
            entry.uploadEnded(entry.message().withUpload(attachment));
            startTimer(entry);
            if (loggedIn.getAsBoolean()) {
                write.accept(entry.message().frame());
            }
            return;
        }
        entry.uploadEnded(entry.message());
        ChatException cause = Completions.asChatException(failure);
        if (!retries(cause)) {
            outbox.fail(localId, cause);
        } else if (loggedIn.getAsBoolean()) {
            if (++entry.failedUploads >= MAX_FAILED_UPLOADS) {
                outbox.fail(localId, cause);
                return;
            }
            loop.schedule(() -> {
                if (outbox.entry(localId).orElse(null) == entry && entry.upload().isEmpty() && !entry.ready()
                        && loggedIn.getAsBoolean()) {
                    upload(entry);
                }
            }, RETRY_DELAY.multipliedBy(entry.failedUploads));
        } // else: the next login starts it again
    }

    private void startTimer(Outbox.Entry entry) {
        String localId = entry.message().localId();
        entry.timeout(loop.schedule(() -> outbox.fail(localId, new ChatException(ErrorCode.TIMEOUT,
                "no receipt within " + sendTimeout.toMillis() + " ms")), sendTimeout));
    }
}
