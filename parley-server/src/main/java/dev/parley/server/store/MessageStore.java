package dev.parley.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of users and messages. Implementations: SQLite (embedded default); PostgreSQL later.
 * <p>
 * Threading: {@link #commit} is called by one writer thread only (see {@link GroupCommitWriter}); every other method
 * may be called from any thread at the same time and must not be called from a network selector thread, since all of
 * them block on disk. Failures are {@link StoreException}s; a negative {@code limit} is an
 * {@link IllegalArgumentException}.
 * <p>
 * Open the implementations with {@link Stores}.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Applies the writes in one transaction and makes it durable before returning. Either all of them are durable or,
     * when this throws, none is. A write sees the writes before it in the same batch (a repeated localId is a
     * duplicate there too).
     * <p>
     * One exception: a batch of nothing but {@link Write.MarkDelivered delivery marks} may return before it is on
     * disk; it becomes durable with the next batch that is, in order. A crash in between loses only such marks, and a
     * lost delivery mark means a redelivery, which clients drop by id. (Read marks are always durable: they change
     * unread counts people see.)
     *
     * @return one result per write, in order
     * @throws StoreException when the transaction cannot be committed (disk full, read-only file, I/O error…)
     */
    List<Write.Result> commit(List<? extends Write<?>> writes);

    /** The user, if registered. */
    Optional<UserRecord> findUser(String username);

    /** Messages to {@code recipient} still pending, oldest first (by id), at most {@code limit}. */
    default List<StoredMessage> pendingFor(String recipient, int limit) {
        return pendingFor(recipient, 0, Long.MAX_VALUE, limit);
    }

    /**
     * One page of the messages to {@code recipient} still pending with ids in {@code (afterId, upToId]}, oldest first
     * (by id), at most {@code limit}: the sign-in sync reads a backlog page by page with the last id of one page as
     * the cursor of the next, so that a page skips nothing and repeats nothing whatever is acknowledged meanwhile.
     */
    List<StoredMessage> pendingFor(String recipient, long afterId, long upToId, int limit);

    /** How many messages to {@code recipient} with ids up to {@code upToId} are still pending. */
    int countPending(String recipient, long upToId);

    /**
     * The id of the newest message committed so far (0 when none ever was). Every message committed after this call
     * returns gets a larger id; every message with an id up to it is already visible to reads.
     */
    long lastMessageId();

    /** The message with this id, if it exists. */
    Optional<StoredMessage> findMessage(long id);

    /**
     * The user's conversations, newest first: one per peer, with its last message and the number of messages from the
     * peer to the user not yet read.
     */
    List<ConversationSummary> conversations(String user, int limit);

    /**
     * One page of the conversation between {@code user} and {@code peer}, newest first, with ids below
     * {@code beforeId} when given.
     */
    List<StoredMessage> history(String user, String peer, Optional<Long> beforeId, int limit);

    /**
     * Removes messages stored before {@code cutoff}, whatever their state; returns how many. Runs beside commits (in
     * short transactions of its own); ids and sequence numbers are never reused afterwards.
     */
    int deleteOlderThan(Instant cutoff);

    @Override
    void close();

    /** A conversation as the conversation list shows it. */
    record ConversationSummary(String peer, StoredMessage lastMessage, int unreadCount) {
    }
}
