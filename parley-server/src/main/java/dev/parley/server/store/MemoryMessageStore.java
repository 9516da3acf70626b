package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.GroupRecord.Role;
import dev.parley.server.store.MemoryModel.Conversation;
import dev.parley.server.store.MemoryModel.Event;
import dev.parley.server.store.MemoryModel.Group;
import dev.parley.server.store.MemoryModel.Member;
import dev.parley.server.store.StoredMessage.DeliveryState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * A store that keeps everything in the heap and nothing on disk: {@code --store memory}, for tests, demos and the
 * load benchmark's comparison with the durable store. It keeps every promise of {@link MessageStore} except
 * durability: a restart forgets every user and message, so a {@code receipt} from a server on this store does not
 * mean the message survives a crash. Memory grows with the messages kept (retention still removes old ones).
 * <p>
 * It has the SQLite store's model in maps: conversations with their members (read position, unread count, role), a
 * per-user inbox of message and event ids, events as frames, groups. The rules shared by both stores are
 * {@link GroupRules}'.
 * <p>
 * Threading: one read-write lock; {@link #commit} and retention take it for writing, reads for reading.
 */
final class MemoryMessageStore implements MessageStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by lock. */
    private final MemoryModel model;
    private final MemoryWrites messageWrites;
    private final MemoryGroups groupChanges;
    private boolean closed;

    MemoryMessageStore(Clock clock) {
        this.model = new MemoryModel(clock);
        this.messageWrites = new MemoryWrites(model);
        this.groupChanges = new MemoryGroups(model);
    }

    @Override
    public List<Write.Result> commit(List<? extends Write<?>> writes) {
        lock.writeLock().lock();
        try {
            requireOpen();
            List<Write.Result> results = new ArrayList<>(writes.size());
            for (Write<?> write : writes) {
                results.add(switch (write) {
                    case Write.Append append -> messageWrites.append(append);
                    case Write.MarkDelivered mark -> messageWrites.delivered(mark.id(), mark.user());
                    case Write.MarkRead mark -> messageWrites.read(mark.id(), mark.user());
                    case Write.ReadConversation read -> messageWrites.readConversation(read);
                    case Write.Recall recall -> messageWrites.recall(recall);
                    case Write.Edit edit -> messageWrites.edit(edit);
                    case Write.ChangeGroup change -> groupChanges.apply(change.change());
                    case Write.CreateUser create -> new Write.UserCreated(
                            model.users.putIfAbsent(create.user().username(), create.user()) == null);
                    case Write.UpdateProfile update -> updateProfile(update);
                });
            }
            return List.copyOf(results);
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- model.groups ---------------------------------------------------------------------------------------------------

    // ---- reads ----------------------------------------------------------------------------------------------------

    @Override
    public Optional<UserRecord> findUser(String username) {
        return read(() -> Optional.ofNullable(model.users.get(username)));
    }

    @Override
    public List<InboxItem> pendingFor(String user, long afterId, long upToId, int limit) {
        requireLimit(limit);
        return read(() -> {
            TreeMap<Long, Boolean> pending = model.inbox.get(user);
            if (pending == null || afterId >= upToId) {
                return List.of();
            }
            List<InboxItem> page = new ArrayList<>(Math.min(limit, pending.size()));
            for (Iterator<Map.Entry<Long, Boolean>> items = pending.subMap(afterId, false, upToId, true).entrySet()
                    .iterator(); items.hasNext() && page.size() < limit; ) {
                Map.Entry<Long, Boolean> item = items.next();
                if (item.getValue()) {
                    Event e = model.events.get(item.getKey());
                    page.add(new StoredEvent(e.id(), e.messageId(), e.frame()));
                } else {
                    page.add(model.byId.get(item.getKey()).withState(DeliveryState.PENDING));
                }
            }
            return page;
        });
    }

    @Override
    public int countPending(String user, long upToId) {
        return read(() -> {
            TreeMap<Long, Boolean> pending = model.inbox.get(user);
            return pending == null ? 0 : pending.headMap(upToId, true).size();
        });
    }

    @Override
    public long lastMessageId() {
        return read(() -> model.lastId);
    }

    @Override
    public Optional<StoredMessage> findMessage(long id) {
        return read(() -> Optional.ofNullable(model.byId.get(id)).map(model::withState));
    }

    @Override
    public List<ConversationSummary> conversations(String user, int limit) {
        requireLimit(limit);
        return read(() -> model.conversationsOfUser.getOrDefault(user, Set.of()).stream()
                .map(model.conversations::get)
                .filter(conversation -> !conversation.idBySeq.isEmpty())
                .sorted(Comparator.comparingLong((Conversation conversation) -> conversation.lastId).reversed())
                .limit(limit)
                .map(conversation -> {
                    StoredMessage last = model.withState(model.byId.get(conversation.idBySeq.lastEntry().getValue()));
                    return new ConversationSummary(last.chatType(), last.peerOf(user), last,
                            conversation.members.get(user).unread);
                })
                .toList());
    }

    @Override
    public List<StoredMessage> history(String user, ChatType chatType, String peer, Optional<Long> beforeId,
                                       int limit) {
        long before = beforeId.orElse(Long.MAX_VALUE);
        return page(user, chatType, peer, limit, ids -> ids.descendingMap().values().stream().filter(id -> id < before));
    }

    @Override
    public List<StoredMessage> historyAfter(String user, ChatType chatType, String peer, long afterId, int limit) {
        return page(user, chatType, peer, limit, ids -> ids.values().stream().filter(id -> id > afterId));
    }

    /** The first {@code limit} messages of the ids {@code order} picks from those the user may read (id by seq). */
    private List<StoredMessage> page(String user, ChatType chatType, String peer, int limit,
                                     Function<NavigableMap<Long, Long>, Stream<Long>> order) {
        requireLimit(limit);
        return read(() -> {
            String key;
            if (chatType == ChatType.GROUP) {
                Optional<Long> groupId = model.groupId(peer);
                if (groupId.isEmpty()) {
                    return List.of();
                }
                key = ConversationKey.group(groupId.get());
            } else {
                key = ConversationKey.single(user, peer);
            }
            Conversation conversation = model.conversations.get(key);
            if (conversation == null) {
                return List.of();
            }
            long from = 0;
            if (chatType == ChatType.GROUP) {
                Member member = conversation.members.get(user);
                if (member == null) {
                    return List.of();
                }
                from = member.joinedSeq;
            }
            return order.apply(conversation.idBySeq.tailMap(from, false)).limit(limit)
                    .map(id -> model.withState(model.byId.get(id))).toList();
        });
    }

    private Write.ProfileUpdated updateProfile(Write.UpdateProfile update) {
        UserRecord before = model.users.get(update.user());
        if (before == null) {
            return new Write.ProfileUpdated(Optional.empty(), "");
        }
        UserRecord after = new UserRecord(before.username(), update.nickname().orElse(before.nickname()),
                before.passwordHash(), before.created(), update.avatar().orElse(before.avatar()));
        model.users.put(after.username(), after);
        return new Write.ProfileUpdated(Optional.of(after), before.avatar());
    }

    @Override
    public List<StoredMessage> search(String user, SearchQuery query, Optional<ConversationRef> conversation,
                                      int limit) {
        requireLimit(limit);
        return read(() -> {
            List<String> keys = conversation.map(c -> List.of(ConversationKey.of(user, c.chatType(), c.id())))
                    .orElseGet(() -> List.copyOf(model.conversationsOfUser.getOrDefault(user, Set.of())));
            List<StoredMessage> found = new ArrayList<>();
            for (String key : keys) {
                Conversation c = model.conversations.get(key);
                Member member = c == null ? null : c.members.get(user);
                if (member == null) {
                    continue;
                }
                for (long id : c.idBySeq.tailMap(member.joinedSeq, false).values()) {
                    StoredMessage m = model.byId.get(id);
                    if (!m.recalled() && query.matches(SearchQuery.searchable(m))) {
                        found.add(model.withState(m));
                    }
                }
            }
            return found.stream().sorted(Comparator.comparingLong(StoredMessage::id).reversed()).limit(limit).toList();
        });
    }

    @Override
    public List<String> filesBefore(Instant cutoff) {
        return read(() -> model.byId.values().stream()
                .filter(m -> m.time() < cutoff.toEpochMilli())
                .map(StoredMessage::content)
                .<String>mapMulti((content, out) -> {
                    switch (content) {
                        case dev.parley.protocol.Content.Image i -> out.accept(i.file().uuid());
                        case dev.parley.protocol.Content.File f -> out.accept(f.file().uuid());
                        default -> { }
                    }
                })
                .toList());
    }

    @Override
    public Optional<GroupRecord> findGroup(long groupId) {
        return read(() -> Optional.ofNullable(model.groups.get(groupId)).map(g -> record(groupId, g)));
    }

    @Override
    public List<GroupRecord> groupsOf(String user) {
        return read(() -> model.conversationsOfUser.getOrDefault(user, Set.of()).stream()
                .filter(ConversationKey::isGroup)
                .map(ConversationKey::groupId)
                .sorted(Comparator.reverseOrder())
                .map(id -> record(id, model.groups.get(id)))
                .toList());
    }

    private GroupRecord record(long groupId, Group g) {
        List<GroupRecord.Member> members = new ArrayList<>();
        model.conversations.get(ConversationKey.group(groupId)).members.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Member> e) -> -e.getValue().role.code())
                        .thenComparingLong(e -> e.getValue().joinedSeq).thenComparing(Map.Entry::getKey))
                .forEach(e -> members.add(new GroupRecord.Member(e.getKey(), e.getValue().role)));
        return new GroupRecord(groupId, g.name, g.description, g.owner, g.maxUsers, g.created, members);
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        lock.writeLock().lock();
        try {
            requireOpen();
            int deleted = 0;
            Set<String> touched = new HashSet<>();
            for (Iterator<StoredMessage> messages = model.byId.values().iterator(); messages.hasNext(); ) {
                StoredMessage message = messages.next();
                if (message.time() < cutoffMillis) {
                    messages.remove();
                    model.byLocalId.remove(message.sender() + '\u001F' + message.localId());
                    String key = model.convOf.remove(message.id());
                    model.readByItself.remove(message.id());
                    model.conversations.get(key).idBySeq.remove(message.seq());
                    touched.add(key);
                    model.inbox.values().forEach(pending -> pending.remove(message.id()));
                    deleted++;
                }
            }
            for (Iterator<Event> old = model.events.values().iterator(); old.hasNext(); ) {
                Event e = old.next();
                if (e.time() < cutoffMillis || (e.messageId() != 0 && !model.byId.containsKey(e.messageId()))) {
                    old.remove();
                    model.eventsOfMessage.remove(e.messageId());
                    model.inbox.values().forEach(pending -> pending.remove(e.id()));
                }
            }
            model.inbox.values().removeIf(Map::isEmpty);
            for (String key : touched) {
                Conversation conversation = model.conversations.get(key);
                conversation.members.forEach((user, member) ->
                        member.unread = model.unreadAfter(conversation, member.readSeq, user));
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
