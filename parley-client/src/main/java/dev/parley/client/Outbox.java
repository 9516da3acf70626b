package dev.parley.client;

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
 * deduplicates by sender and local id) stores each exactly once. Each entry leaves the outbox exactly once: by its
 * receipt, an error answering it, its timeout, or a failure of the whole outbox.
 * <p>
 * Not thread-safe: used on the client's loop thread. Futures are settled through {@link Completions}, never on the
 * caller's thread.
 */
final class Outbox {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(TextMessage message, CompletableFuture<SendReceipt> future, Future<?> timeout) {
    }

    /** Whether a message with this local id is waiting. */
    boolean contains(String localId) {
        return entries.containsKey(localId);
    }

    /** The future of the waiting message with this local id. */
    Optional<CompletableFuture<SendReceipt>> futureOf(String localId) {
        return Optional.ofNullable(entries.get(localId)).map(Entry::future);
    }

    /**
     * Adds a message at the end.
     *
     * @param timeout the task that fails the message when it is not acknowledged in time; cancelled when it leaves
     * @throws IllegalStateException if a message with the same local id is already waiting
     */
    void add(TextMessage message, CompletableFuture<SendReceipt> future, Future<?> timeout) {
        if (entries.putIfAbsent(message.localId(), new Entry(message, future, timeout)) != null) {
            throw new IllegalStateException("already waiting: " + message.localId());
        }
    }

    /** The waiting messages, oldest first. */
    List<TextMessage> messages() {
        return entries.values().stream().map(Entry::message).toList();
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
        entry.timeout().cancel(false);
        Completions.succeed(entry.future(), new SendReceipt(localId, serverId, Instant.ofEpochMilli(time)));
        return true;
    }

    /** Message {@code localId} failed; whether it was waiting. */
    boolean fail(String localId, ChatException failure) {
        Entry entry = entries.remove(localId);
        if (entry == null) {
            return false;
        }
        entry.timeout().cancel(false);
        Completions.fail(entry.future(), failure);
        return true;
    }

    /** Fails every waiting message and empties the outbox. */
    void failAll(ChatException failure) {
        for (String localId : new ArrayList<>(entries.keySet())) {
            fail(localId, failure);
        }
    }
}
