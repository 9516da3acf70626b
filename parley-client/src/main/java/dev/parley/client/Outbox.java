package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The messages sent but not yet acknowledged by a {@code receipt}, in the order they were sent, keyed by local id.
 * After a reconnect they are all sent again, in that order and with the same local ids, so the server (which
 * deduplicates by sender and local id) stores each exactly once. A message with a local file keeps it until its upload
 * succeeds (then the attachment replaces it, and a resend never uploads again). Each entry leaves the outbox exactly
 * once: by its receipt, an error answering it, its timeout, a failed upload, its cancellation, or a failure of the
 * whole outbox; leaving stops its timer and its upload.
 * <p>
 * Not thread-safe: used on the client's loop thread. Futures are settled through {@link Completions}, never on the
 * caller's thread.
 */
final class Outbox {
    private static final Future<?> NO_TIMER = CompletableFuture.completedFuture(null);

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A waiting message and what is under way for it. */
    static final class Entry {
        private ChatMessage message;
        final CompletableFuture<SendReceipt> future;
        final TransferListener progress;
        private Future<?> timeout = NO_TIMER;
        /** The upload in flight, or null. */
        private Transfer<?> upload;
        /** Uploads of this message that failed while the client was logged in. */
        int failedUploads;

        private Entry(ChatMessage message, CompletableFuture<SendReceipt> future, TransferListener progress) {
            this.message = message;
            this.future = future;
            this.progress = progress;
        }

        ChatMessage message() {
            return message;
        }

        /** Whether the message can be written now (it has no file left to upload). */
        boolean ready() {
            return message.body() instanceof MessageBody.Ready;
        }

        /** The upload in flight, if any. */
        Optional<Transfer<?>> upload() {
            return Optional.ofNullable(upload);
        }

        void uploading(Transfer<?> transfer) {
            upload = transfer;
        }

        /** The upload ended; {@code sent} is the message with its attachment, or the message as it was. */
        void uploadEnded(ChatMessage sent) {
            upload = null;
            message = sent;
        }

        /** Starts (or replaces) the timer that fails the message when it is not acknowledged in time. */
        void timeout(Future<?> timer) {
            timeout.cancel(false);
            timeout = timer;
        }

        private void leave() {
            timeout.cancel(false);
            if (upload != null) {
                upload.abort(new ChatException(ErrorCode.DISCONNECTED, "the message left the outbox"));
                upload = null;
            }
        }
    }

    /** Whether a message with this local id is waiting. */
    boolean contains(String localId) {
        return entries.containsKey(localId);
    }

    /** The future of the waiting message with this local id. */
    Optional<CompletableFuture<SendReceipt>> futureOf(String localId) {
        return entry(localId).map(e -> e.future);
    }

    /** The waiting message with this local id. */
    Optional<Entry> entry(String localId) {
        return Optional.ofNullable(entries.get(localId));
    }

    /**
     * Adds a message at the end.
     *
     * @throws IllegalStateException if a message with the same local id is already waiting
     */
    Entry add(ChatMessage message, CompletableFuture<SendReceipt> future, TransferListener progress) {
        Entry entry = new Entry(message, future, progress);
        if (entries.putIfAbsent(message.localId(), entry) != null) {
            throw new IllegalStateException("already waiting: " + message.localId());
        }
        return entry;
    }

    /**
     * Adds a message ready to send at the end, with its timer.
     *
     * @param timeout the task that fails the message when it is not acknowledged in time; cancelled when it leaves
     */
    void add(ChatMessage message, CompletableFuture<SendReceipt> future, Future<?> timeout) {
        add(message, future, TransferListener.NONE).timeout(timeout);
    }

    /** The waiting messages, oldest first. */
    List<ChatMessage> messages() {
        return entries.values().stream().map(Entry::message).toList();
    }

    /** The waiting entries, oldest first (a copy). */
    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    int size() {
        return entries.size();
    }

    /** The server stored message {@code localId}; whether it was waiting. */
    boolean receipt(String localId, String serverId, long time) {
        Entry entry = entries.remove(localId);
        if (entry == null) {
            return false;
        }
        entry.leave();
        Completions.succeed(entry.future, new SendReceipt(localId, serverId, Instant.ofEpochMilli(time)));
        return true;
    }

    /** Message {@code localId} failed; whether it was waiting. */
    boolean fail(String localId, ChatException failure) {
        Entry entry = entries.remove(localId);
        if (entry == null) {
            return false;
        }
        entry.leave();
        Completions.fail(entry.future, failure);
        return true;
    }

    /** The application cancelled message {@code localId} (its future is already settled); whether it was waiting. */
    boolean cancel(String localId, CompletableFuture<SendReceipt> future) {
        Entry entry = entries.get(localId);
        if (entry == null || entry.future != future) {
            return false;
        }
        entries.remove(localId);
        entry.leave();
        return true;
    }

    /** Fails every waiting message and empties the outbox. */
    void failAll(ChatException failure) {
        for (String localId : new ArrayList<>(entries.keySet())) {
            fail(localId, failure);
        }
    }
}
