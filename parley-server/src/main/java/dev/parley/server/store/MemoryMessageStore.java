package dev.parley.server.store;

import dev.parley.server.store.StoredMessage.DeliveryState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store that keeps everything in the heap and nothing on disk: {@code --store memory}, for tests, demos and the
 * load benchmark's comparison with the durable store. It keeps every promise of {@link MessageStore} except
 * durability: a restart forgets every user and message, so a {@code receipt} from a server on this store does not
 * mean the message survives a crash. Memory grows with the messages kept (retention still removes old ones).
 * <p>
 * Threading: one read-write lock; {@link #commit} and retention take it for writing, reads for reading.
 */
final class MemoryMessageStore implements MessageStore {

    /** A conversation's counters and the ids of its messages, oldest first. */
    private static final class Conversation {
        long lastSeq;
        long lastId;
        final NavigableSet<Long> ids = new TreeSet<>();
    }

    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Everything below is guarded by lock.
    private final Map<String, UserRecord> users = new HashMap<>();
    private final TreeMap<Long, StoredMessage> byId = new TreeMap<>();
    private final Map<String, Long> byLocalId = new HashMap<>();
    private final Map<String, Conversation> conversations = new HashMap<>();
    private final Map<String, Set<String>> conversationsOfUser = new HashMap<>();
    private final Map<String, NavigableSet<Long>> pendingOf = new HashMap<>();
    private long lastId;
    private boolean closed;

    MemoryMessageStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Write.Result> commit(List<? extends Write<?>> writes) {
        lock.writeLock().lock();
        try {
            requireOpen();
            List<Write.Result> results = new ArrayList<>(writes.size());
            for (Write<?> write : writes) {
                results.add(switch (write) {
                    case Write.Append append -> append(append);
                    case Write.MarkDelivered mark -> mark(mark.id(), mark.recipient(), DeliveryState.DELIVERED);
                    case Write.MarkRead mark -> mark(mark.id(), mark.recipient(), DeliveryState.READ);
                    case Write.CreateUser create -> new Write.UserCreated(
                            users.putIfAbsent(create.user().username(), create.user()) == null);
                });
            }
            return List.copyOf(results);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Write.Appended append(Write.Append append) {
        String localKey = append.sender() + '\u001F' + append.localId();
        Long existing = byLocalId.get(localKey);
        if (existing != null) {
            return new Write.Appended(byId.get(existing), true);
        }
        String key = MessageRows.conversationKey(append.sender(), append.recipient());
        Conversation conversation = conversations.computeIfAbsent(key, k -> new Conversation());
        long id = ++lastId;
        StoredMessage message = new StoredMessage(id, ++conversation.lastSeq, append.sender(), append.localId(),
                append.recipient(), append.body(), append.ext(), clock.millis(), DeliveryState.PENDING);
        conversation.lastId = id;
        conversation.ids.add(id);
        byId.put(id, message);
        byLocalId.put(localKey, id);
        conversationsOfUser.computeIfAbsent(append.sender(), u -> new HashSet<>()).add(key);
        conversationsOfUser.computeIfAbsent(append.recipient(), u -> new HashSet<>()).add(key);
        pendingOf.computeIfAbsent(append.recipient(), u -> new TreeSet<>()).add(id);
        return new Write.Appended(message, false);
    }

    private Write.Marked mark(long id, String recipient, DeliveryState target) {
        StoredMessage message = byId.get(id);
        if (message == null || !message.recipient().equals(recipient)) {
            return new Write.Marked(Optional.empty(), false);
        }
        if (message.state().compareTo(target) >= 0) {
            return new Write.Marked(Optional.of(message), false);
        }
        StoredMessage marked = new StoredMessage(message.id(), message.seq(), message.sender(), message.localId(),
                message.recipient(), message.body(), message.ext(), message.time(), target);
        byId.put(id, marked);
        unpend(marked);
        return new Write.Marked(Optional.of(marked), true);
    }

    private void unpend(StoredMessage message) {
        NavigableSet<Long> pending = pendingOf.get(message.recipient());
        if (pending != null && pending.remove(message.id()) && pending.isEmpty()) {
            pendingOf.remove(message.recipient());
        }
    }

    @Override
    public Optional<UserRecord> findUser(String username) {
        return read(() -> Optional.ofNullable(users.get(username)));
    }

    @Override
    public List<StoredMessage> pendingFor(String recipient, long afterId, long upToId, int limit) {
        requireLimit(limit);
        return read(() -> {
            NavigableSet<Long> pending = pendingOf.get(recipient);
            if (pending == null || afterId >= upToId) {
                return List.of();
            }
            List<StoredMessage> page = new ArrayList<>(Math.min(limit, pending.size()));
            for (Iterator<Long> ids = pending.subSet(afterId, false, upToId, true).iterator();
                 ids.hasNext() && page.size() < limit; ) {
                page.add(byId.get(ids.next()));
            }
            return page;
        });
    }

    @Override
    public int countPending(String recipient, long upToId) {
        return read(() -> {
            NavigableSet<Long> pending = pendingOf.get(recipient);
            return pending == null ? 0 : pending.headSet(upToId, true).size();
        });
    }

    @Override
    public long lastMessageId() {
        return read(() -> lastId);
    }

    @Override
    public Optional<StoredMessage> findMessage(long id) {
        return read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<ConversationSummary> conversations(String user, int limit) {
        requireLimit(limit);
        return read(() -> conversationsOfUser.getOrDefault(user, Set.of()).stream()
                .map(conversations::get)
                .filter(conversation -> !conversation.ids.isEmpty())
                .sorted(Comparator.comparingLong((Conversation conversation) -> conversation.lastId).reversed())
                .limit(limit)
                .map(conversation -> {
                    StoredMessage last = byId.get(conversation.ids.last());
                    String peer = last.peerOf(user);
                    int unread = 0;
                    for (long id : conversation.ids) {
                        StoredMessage message = byId.get(id);
                        if (message.recipient().equals(user) && message.state() != DeliveryState.READ) {
                            unread++;
                        }
                    }
                    return new ConversationSummary(peer, last, unread);
                })
                .toList());
    }

    @Override
    public List<StoredMessage> history(String user, String peer, Optional<Long> beforeId, int limit) {
        requireLimit(limit);
        return read(() -> {
            Conversation conversation = conversations.get(MessageRows.conversationKey(user, peer));
            if (conversation == null) {
                return List.of();
            }
            List<StoredMessage> page = new ArrayList<>();
            for (Iterator<Long> ids = conversation.ids.headSet(beforeId.orElse(Long.MAX_VALUE), false)
                    .descendingIterator(); ids.hasNext() && page.size() < limit; ) {
                page.add(byId.get(ids.next()));
            }
            return page;
        });
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        lock.writeLock().lock();
        try {
            requireOpen();
            int deleted = 0;
            for (Iterator<StoredMessage> messages = byId.values().iterator(); messages.hasNext(); ) {
                StoredMessage message = messages.next();
                if (message.time() < cutoffMillis) {
                    messages.remove();
                    byLocalId.remove(message.sender() + '\u001F' + message.localId());
                    conversations.get(MessageRows.conversationKey(message.sender(), message.recipient()))
                            .ids.remove(message.id());
                    unpend(message);
                    deleted++;
                }
            }
            return deleted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        lock.readLock().lock();
        try {
            requireOpen();
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
