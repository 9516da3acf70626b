package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.GroupRecord.Role;
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
import java.util.function.LongFunction;

/**
 * The heap model of {@link MemoryMessageStore}: the SQLite store's tables as maps, and the steps both the writes
 * ({@link MemoryWrites}, {@link MemoryGroups}) and the reads share.
 * <p>
 * Threading: guarded by the store's read-write lock; writes hold it for writing.
 */
final class MemoryModel {
    static final FrameCodec CODEC = new FrameCodec();

    /** A conversation's counters, members and messages (by sequence number). */
    static final class Conversation {
        long lastSeq;
        long lastId;
        final NavigableMap<Long, Long> idBySeq = new TreeMap<>();
        final Map<String, Member> members = new LinkedHashMap<>();
    }

    static final class Member {
        Role role = Role.MEMBER;
        long joinedSeq;
        long readSeq;
        int unread;
    }

    static final class Group {
        String name;
        String description;
        String owner;
        int maxUsers;
        long created;
    }

    record Event(long id, String conv, long messageId, String frame, long time) {
    }

    final Clock clock;
    final Map<String, UserRecord> users = new HashMap<>();
    final TreeMap<Long, StoredMessage> byId = new TreeMap<>();
    final Map<Long, String> convOf = new HashMap<>();
    final Map<String, Long> byLocalId = new HashMap<>();
    final Map<String, Conversation> conversations = new HashMap<>();
    final Map<String, Set<String>> conversationsOfUser = new HashMap<>();
    /** Per user: pending item ids, true for an event. */
    final Map<String, TreeMap<Long, Boolean>> inbox = new HashMap<>();
    final TreeMap<Long, Event> events = new TreeMap<>();
    /** The ids of the recall and edit events of each message. */
    final Map<Long, List<Long>> eventsOfMessage = new HashMap<>();
    final TreeMap<Long, Group> groups = new TreeMap<>();
    /** One-to-one messages marked read by themselves (beside the read position). */
    final Set<Long> readByItself = new HashSet<>();
    long lastId;
    long lastGroupId;

    MemoryModel(Clock clock) {
        this.clock = clock;
    }

    Member member(String key, Conversation conversation, String user) {
        conversationsOfUser.computeIfAbsent(user, u -> new HashSet<>()).add(key);
        return conversation.members.computeIfAbsent(user, u -> new Member());
    }

    static Optional<Long> groupId(String id) {
        try {
            long groupId = Long.parseLong(id);
            return groupId > 0 ? Optional.of(groupId) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The message with its state for the recipient of a one-to-one message. */
    StoredMessage withState(StoredMessage m) {
        if (m.chatType() == ChatType.GROUP) {
            return m.withState(DeliveryState.DELIVERED);
        }
        if (readByItself.contains(m.id())) {
            return m.withState(DeliveryState.READ);
        }
        TreeMap<Long, Boolean> pending = inbox.get(m.recipient());
        if (pending != null && pending.containsKey(m.id())) {
            return m.withState(DeliveryState.PENDING);
        }
        return m.withState(DeliveryState.DELIVERED);
    }

    boolean takeFromInbox(String user, long id) {
        TreeMap<Long, Boolean> pending = inbox.get(user);
        if (pending == null || pending.remove(id) == null) {
            return false;
        }
        if (pending.isEmpty()) {
            inbox.remove(user);
        }
        return true;
    }

    void takeEventsFromInbox(String user, long messageId) {
        for (long eventId : eventsOfMessage.getOrDefault(messageId, List.of())) {
            takeFromInbox(user, eventId);
        }
    }

    int unreadAfter(Conversation conversation, long readSeq, String user) {
        int unread = 0;
        for (long messageId : conversation.idBySeq.tailMap(readSeq, false).values()) {
            if (!byId.get(messageId).sender().equals(user)) {
                unread++;
            }
        }
        return unread;
    }

    Optional<StoredMessage> findFor(long id, String user) {
        StoredMessage m = byId.get(id);
        if (m == null) {
            return Optional.empty();
        }
        if (m.chatType() == ChatType.SINGLE) {
            return m.recipient().equals(user) ? Optional.of(m) : Optional.empty();
        }
        Member member = conversations.get(convOf.get(id)).members.get(user);
        return !m.sender().equals(user) && member != null && member.joinedSeq < m.seq() ? Optional.of(m)
                : Optional.empty();
    }

    /** Every member but the sender who joined before the message. */
    List<String> receivers(StoredMessage m) {
        List<String> receivers = new ArrayList<>();
        conversations.get(convOf.get(m.id())).members.forEach((user, member) -> {
            if (!user.equals(m.sender()) && member.joinedSeq < m.seq()) {
                receivers.add(user);
            }
        });
        return receivers;
    }

    static List<String> withSender(List<String> receivers, StoredMessage m) {
        List<String> all = new ArrayList<>(receivers);
        if (!all.contains(m.sender())) {
            all.add(m.sender());
        }
        return all;
    }

    /** Stores an event as {@link SqlEvents#store} does, and returns the notice that delivers it now. */
    Write.Notice storeEvent(String conv, long messageId, String actor, LongFunction<Frame> frame,
                            List<String> storedFor, List<String> notify) {
        long id = ++lastId;
        String text = CODEC.encode(frame.apply(id));
        events.put(id, new Event(id, conv, messageId, text, clock.millis()));
        if (messageId != 0) {
            eventsOfMessage.computeIfAbsent(messageId, m -> new ArrayList<>()).add(id);
        }
        for (String user : storedFor) {
            inbox.computeIfAbsent(user, u -> new TreeMap<>()).put(id, true);
        }
        return new Write.Notice(id, text, notify, storedFor.contains(actor) ? "" : actor);
    }
}
