package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of a store that keeps its data in SQL ({@link SqliteMessageStore}, {@link PostgresMessageStore}): each
 * is one of {@link SqlReads}' queries, the same on both databases. Search and lastMessageId are each store's own.
 * <p>
 * Threading: as {@link MessageStore} says.
 */
interface SqlStoreReads extends MessageStore {

    /** The store's queries. */
    SqlReads reads();

    @Override
    default Optional<UserRecord> findUser(String username) {
        return reads().findUser(username);
    }

    @Override
    default List<InboxItem> pendingFor(String user, long afterId, long upToId, int limit) {
        return reads().pendingFor(user, afterId, upToId, limit);
    }

    @Override
    default int countPending(String user, long upToId) {
        return reads().countPending(user, upToId);
    }

    @Override
    default Optional<StoredMessage> findMessage(long id) {
        return reads().findMessage(id);
    }

    @Override
    default List<ConversationSummary> conversations(String user, int limit) {
        return reads().conversations(user, limit);
    }

    @Override
    default List<StoredMessage> history(String user, ChatType chatType, String peer, Optional<Long> beforeId,
                                        int limit) {
        return reads().history(user, chatType, peer, beforeId, limit);
    }

    @Override
    default List<StoredMessage> historyAfter(String user, ChatType chatType, String peer, long afterId, int limit) {
        return reads().historyAfter(user, chatType, peer, afterId, limit);
    }

    @Override
    default List<String> filesBefore(Instant cutoff) {
        return reads().filesBefore(cutoff.toEpochMilli());
    }

    @Override
    default Optional<GroupRecord> findGroup(long groupId) {
        return reads().findGroup(groupId);
    }

    @Override
    default List<GroupRecord> groupsOf(String user) {
        return reads().groupsOf(user);
    }
}
