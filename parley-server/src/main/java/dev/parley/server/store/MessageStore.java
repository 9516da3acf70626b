package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of messages, their events and groups, and the one group commit that writes them and the users
 * ({@link UserStore} reads those). Implementations: SQLite (embedded default), PostgreSQL (several nodes sharing one
 * database), memory.
 * <p>
 * Threading: {@link #commit} is called by one writer thread only (see {@link GroupCommitWriter}); every other method
 * may be called from any thread at the same time and must not be called from a network selector thread, since all of
 * them block on disk. Failures are {@link StoreException}s; a negative {@code limit} is an
 * {@link IllegalArgumentException}.
 * <p>
 * Open the implementations with {@link Stores}.
 */
public interface MessageStore extends UserStore, AutoCloseable {

    /**
     * Applies the writes in one transaction and makes it durable before returning. Either all of them are durable or,
     * when this throws, none is. A write sees the writes before it in the same batch (a repeated localId is a
     * duplicate there too).
     * <p>
     * One exception: a batch of nothing but {@link Write.MarkDelivered delivery marks} may return before it is on
     * disk; it becomes durable with the next batch that is, in order. A crash in between loses only such marks, and a
     * lost delivery mark means a redelivery, which clients drop by id. (Read marks are always durable: they change
     * unread counts people see.)
     * <p>
     * A write refused for a reason the user is told ({@link Write.Refused}) changes nothing and does not fail the
     * batch.
     *
     * @return one result per write, in order
     * @throws StoreException when the transaction cannot be committed (disk full, read-only file, I/O error…)
     */
    List<Write.Result> commit(List<? extends Write<?>> writes);

    /** What is still pending for {@code user}, oldest first (by id), at most {@code limit}. */
    default List<InboxItem> pendingFor(String user, int limit) {
        return pendingFor(user, 0, Long.MAX_VALUE, limit);
    }

    /**
     * One page of what is still pending for {@code user} (messages and events) with ids in {@code (afterId, upToId]},
     * oldest first (by id), at most {@code limit}: the sign-in sync reads a backlog page by page with the last id of
     * one page as the cursor of the next, so that a page skips nothing and repeats nothing whatever is acknowledged
     * meanwhile.
     */
    List<InboxItem> pendingFor(String user, long afterId, long upToId, int limit);

    /** How many items pending for {@code user} have ids up to {@code upToId}. */
    int countPending(String user, long upToId);

    /**
     * The id of the newest message or event committed so far (0 when none ever was). Every item committed after this
     * call returns gets a larger id; every item with an id up to it is already visible to reads.
     */
    long lastMessageId();

    /** The message with this id, if it exists. */
    Optional<StoredMessage> findMessage(long id);

    /**
     * The user's conversations, newest first: one per peer or group, with its last message and the number of other
     * members' messages the user has not read.
     */
    List<ConversationSummary> conversations(String user, int limit);

    /**
     * One page of a conversation of {@code user} ({@code peer} is the other user, or the group id), newest first,
     * with ids below {@code beforeId} when given. A group's history starts when the user joined it; a user who is not
     * a member gets an empty page.
     */
    List<StoredMessage> history(String user, ChatType chatType, String peer, Optional<Long> beforeId, int limit);

    /**
     * One page of a conversation of {@code user} read forwards: the messages with ids above {@code afterId}, oldest
     * first, under the same rules as {@link #history} (a group's history starts when the user joined it; a user who
     * is not a member gets an empty page). It reads on from a message that was found (a search result, a reply's
     * original) towards the newest.
     */
    List<StoredMessage> historyAfter(String user, ChatType chatType, String peer, long afterId, int limit);

    /** One page of a one-to-one conversation. */
    default List<StoredMessage> history(String user, String peer, Optional<Long> beforeId, int limit) {
        return history(user, ChatType.SINGLE, peer, beforeId, limit);
    }

    /**
     * Messages of {@code user}'s own conversations (of {@code conversation} only, when given: the chat type and the
     * peer or group id) whose text or file name holds every word of the query, newest first, at most {@code limit};
     * never a recalled message, never one of a group from before the user joined it.
     */
    List<StoredMessage> search(String user, SearchQuery query, Optional<ConversationRef> conversation, int limit);

    /** A conversation as a user names it: the chat type and the peer's user id or the group id. */
    record ConversationRef(ChatType chatType, String id) {
    }

    /** The group, with its members, unless there is none or it was destroyed. */
    Optional<GroupRecord> findGroup(long groupId);

    /** The groups {@code user} is a member of, newest first. */
    List<GroupRecord> groupsOf(String user);

    /**
     * The uploads named by the messages stored before {@code cutoff} (the files that go with them at retention), not
     * those of recalled messages (removed at the recall).
     */
    List<String> filesBefore(Instant cutoff);

    /**
     * Removes messages stored before {@code cutoff}, whatever their state, with their events and inbox entries (and
     * events of any kind stored before it); returns how many messages. Runs beside commits (in short transactions of
     * its own); ids and sequence numbers are never reused afterwards.
     */
    int deleteOlderThan(Instant cutoff);

    @Override
    void close();

    /**
     * A conversation as the conversation list shows it: {@code peer} is the other user, or the group id of a
     * {@code groupChat}.
     */
    record ConversationSummary(ChatType chatType, String peer, StoredMessage lastMessage, int unreadCount) {
        /** A one-to-one conversation. */
        public ConversationSummary(String peer, StoredMessage lastMessage, int unreadCount) {
            this(ChatType.SINGLE, peer, lastMessage, unreadCount);
        }
    }
}
