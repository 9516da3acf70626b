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
import java.util.function.LongFunction;

/**
 * The message writes of {@link MemoryMessageStore}: appends, marks, recalls, edits and conversation reads, with the
 * semantics of {@link SqlTransaction}.
 * <p>
 * Threading: called with the store's write lock held.
 */
final class MemoryWrites {
    private final MemoryModel model;

    MemoryWrites(MemoryModel model) {
        this.model = model;
    }

    Write.AppendOutcome append(Write.Append append) {
        boolean group = append.chatType() == ChatType.GROUP;
        String key;
        List<String> recipients;
        if (group) {
            Optional<Long> groupId = model.groupId(append.to());
            if (groupId.isEmpty()) {
                return new Write.Refused(ErrorCode.GROUP_INVALID_ID, "invalid group id: " + append.to());
            }
            key = ConversationKey.group(groupId.get());
            Conversation c = model.conversations.get(key);
            if (c == null || c.members.isEmpty()) {
                return new Write.Refused(ErrorCode.GROUP_NOT_FOUND, "no such group: " + append.to());
            }
            if (!c.members.containsKey(append.sender())) {
                return new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + append.to());
            }
            recipients = new ArrayList<>(c.members.keySet());
            recipients.remove(append.sender());
        } else {
            key = ConversationKey.single(append.sender(), append.to());
            recipients = List.of(append.to());
        }
        String localKey = append.sender() + '\u001F' + append.localId();
        Long existing = model.byLocalId.get(localKey);
        if (existing != null) {
            return new Write.Appended(model.withState(model.byId.get(existing)), true, List.of());
        }
        Conversation conversation = model.conversations.computeIfAbsent(key, k -> new Conversation());
        if (!group) {
            model.member(key, conversation, append.sender());
            model.member(key, conversation, append.to());
        }
        long id = ++model.lastId;
        long seq = ++conversation.lastSeq;
        StoredMessage message = new StoredMessage(id, seq, append.sender(), append.localId(), append.chatType(),
                append.to(), append.content(), append.ext(), model.clock.millis(),
                group ? DeliveryState.DELIVERED : DeliveryState.PENDING, "", 0);
        conversation.lastId = id;
        conversation.idBySeq.put(seq, id);
        model.byId.put(id, message);
        model.convOf.put(id, key);
        model.byLocalId.put(localKey, id);
        for (String recipient : recipients) {
            if (!recipient.equals(append.sender())) {
                conversation.members.get(recipient).unread++;
            }
            model.inbox.computeIfAbsent(recipient, u -> new TreeMap<>()).put(id, false);
        }
        return new Write.Appended(message, false, recipients);
    }

    Write.Marked delivered(long id, String user) {
        if (model.events.containsKey(id)) {
            return new Write.Marked(Optional.empty(), model.takeFromInbox(user, id));
        }
        boolean changed = model.takeFromInbox(user, id);
        model.takeEventsFromInbox(user, id);
        return new Write.Marked(model.findFor(id, user).map(model::withState), changed);
    }

    Write.Marked read(long id, String user) {
        Optional<StoredMessage> found = model.findFor(id, user);
        if (found.isEmpty()) {
            return new Write.Marked(Optional.empty(), false);
        }
        StoredMessage message = found.get();
        model.takeFromInbox(user, id);
        model.takeEventsFromInbox(user, id);
        // one receipt for each one-to-one message marked, as SqlTransaction does
        boolean receipt = message.chatType() == ChatType.SINGLE && model.readByItself.add(id);
        Conversation conversation = model.conversations.get(model.convOf.get(id));
        Member member = conversation.members.get(user);
        if (message.seq() <= member.readSeq) {
            return new Write.Marked(Optional.of(message.withState(DeliveryState.READ)), receipt);
        }
        member.readSeq = message.seq();
        member.unread = model.unreadAfter(conversation, member.readSeq, user);
        return new Write.Marked(Optional.of(message.withState(DeliveryState.READ)), true);
    }

    Write.ChangeOutcome readConversation(Write.ReadConversation read) {
        String user = read.user();
        boolean group = read.chatType() == ChatType.GROUP;
        Optional<Long> groupId = group ? model.groupId(read.to()) : Optional.empty();
        String key = group ? groupId.map(ConversationKey::group).orElse("") : ConversationKey.single(user, read.to());
        Conversation conversation = model.conversations.get(key);
        Member member = conversation == null ? null : conversation.members.get(user);
        if (member == null) {
            return group ? new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + read.to())
                    : new Write.Changed(Optional.empty(), 0, List.of());
        }
        if (member.unread == 0 && member.readSeq >= conversation.lastSeq) {
            return new Write.Changed(Optional.empty(), 0, List.of());
        }
        member.readSeq = conversation.lastSeq;
        member.unread = 0;
        List<Write.Notice> notices = new ArrayList<>();
        notices.add(model.storeEvent(key, 0, user, id -> new Frame.ChannelAck(read.chatType(), read.to(), user,
                Long.toString(id)), List.of(user), List.of(user)));
        if (!group && !read.to().equals(user)) {
            notices.add(Write.Notice.live(model.CODEC.encode(new Frame.ChannelAck(ChatType.SINGLE, read.to(), user, "")),
                    List.of(read.to())));
        }
        return new Write.Changed(Optional.empty(), groupId.orElse(0L), notices);
    }

    Write.ChangeOutcome recall(Write.Recall recall) {
        StoredMessage m = model.byId.get(recall.id());
        if (m == null) {
            return new Write.Refused(ErrorCode.BAD_FRAME, "no such message: " + recall.id());
        }
        if (!m.sender().equals(recall.user())) {
            return new Write.Refused(ErrorCode.PERMISSION_DENIED, "only the sender can recall a message");
        }
        if (m.recalled()) {
            return new Write.Changed(Optional.of(model.withState(m)), 0, List.of());
        }
        if (m.time() < recall.notBefore()) {
            return new Write.Refused(ErrorCode.RECALL_WINDOW_PASSED, "the recall window has passed");
        }
        model.byId.put(m.id(), new StoredMessage(m.id(), m.seq(), m.sender(), m.localId(), m.chatType(), m.recipient(),
                new Content.Recalled(m.content().msgType()), m.ext(), m.time(), m.state(), "", m.editTime()));
        List<String> receivers = model.receivers(m);
        Write.Notice notice = model.storeEvent(model.convOf.get(m.id()), m.id(), m.sender(),
                id -> new Frame.Recalled(Long.toString(m.id()), m.sender(), m.recipient(), m.chatType()), receivers,
                model.withSender(receivers, m));
        return new Write.Changed(Optional.of(model.withState(m)), 0, List.of(notice));
    }

    Write.ChangeOutcome edit(Write.Edit edit) {
        StoredMessage m = model.byId.get(edit.id());
        if (m == null) {
            return new Write.Refused(ErrorCode.BAD_FRAME, "no such message: " + edit.id());
        }
        if (!m.sender().equals(edit.user())) {
            return new Write.Refused(ErrorCode.PERMISSION_DENIED, "only the sender can edit a message");
        }
        if (!(m.content() instanceof Content.Text)) {
            return new Write.Refused(ErrorCode.BAD_FRAME, m.recalled() ? "a recalled message cannot be edited"
                    : "only text messages can be edited");
        }
        long time = model.clock.millis();
        StoredMessage edited = new StoredMessage(m.id(), m.seq(), m.sender(), m.localId(), m.chatType(),
                m.recipient(), m.content(), m.ext(), m.time(), m.state(), edit.text(), time);
        model.byId.put(m.id(), edited);
        List<String> receivers = model.receivers(m);
        Write.Notice notice = model.storeEvent(model.convOf.get(m.id()), m.id(), m.sender(), id -> new Frame.Edited(
                Long.toString(m.id()), m.sender(), m.recipient(), m.chatType(), edit.text(), time), receivers,
                model.withSender(receivers, m));
        return new Write.Changed(Optional.of(model.withState(edited)), 0, List.of(notice));
    }

}
