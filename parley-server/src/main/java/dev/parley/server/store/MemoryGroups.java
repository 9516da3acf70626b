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
 * Group changes of {@link MemoryMessageStore}, with the rules of {@link GroupRules} and the events of
 * {@link SqlGroups}.
 * <p>
 * Threading: called with the store's write lock held.
 */
final class MemoryGroups {
    private final MemoryModel model;

    MemoryGroups(MemoryModel model) {
        this.model = model;
    }

    Write.ChangeOutcome apply(GroupChange change) {
        return switch (change) {
            case GroupChange.Create c -> create(c);
            case GroupChange.Update u -> change(u.groupId(), u.by(), true, "updated", "", () -> {
                Group g = model.groups.get(u.groupId());
                g.name = u.name().isEmpty() ? g.name : u.name();
                g.description = u.description().isEmpty() ? g.description : u.description();
                return Optional.empty();
            });
            case GroupChange.Destroy d -> change(d.groupId(), d.by(), true, "destroyed", "",
                    () -> GroupRules.checkDestroy(roles(d.groupId()), d.by()));
            case GroupChange.AddMembers a -> add(a);
            case GroupChange.RemoveMember r -> change(r.groupId(), r.by(), false, "memberRemoved", r.user(),
                    () -> GroupRules.checkRemove(r.groupId(), roles(r.groupId()), r.by(), r.user()));
        };
    }

    private Map<String, Role> roles(long groupId) {
        Conversation c = model.conversations.get(ConversationKey.group(groupId));
        Map<String, Role> roles = new LinkedHashMap<>();
        if (c != null) {
            c.members.forEach((user, member) -> roles.put(user, member.role));
        }
        return roles;
    }

    private Write.ChangeOutcome create(GroupChange.Create create) {
        LinkedHashSet<String> invited = new LinkedHashSet<>(create.members());
        invited.remove(create.by());
        Optional<Write.Refused> refused = GroupRules.checkSize(invited.size() + 1, create.maxUsers())
                .or(() -> unknown(invited));
        if (refused.isPresent()) {
            return refused.get();
        }
        long groupId = ++model.lastGroupId;
        Group g = new Group();
        g.name = create.name();
        g.description = create.description();
        g.owner = create.by();
        g.maxUsers = create.maxUsers();
        g.created = model.clock.millis();
        model.groups.put(groupId, g);
        String key = ConversationKey.group(groupId);
        Conversation conversation = new Conversation();
        model.conversations.put(key, conversation);
        model.member(key, conversation, create.by()).role = Role.OWNER;
        invited.forEach(user -> model.member(key, conversation, user));
        List<String> everyone = new ArrayList<>(conversation.members.keySet());
        return new Write.Changed(Optional.empty(), groupId,
                List.of(event(groupId, "created", "", create.by(), everyone, List.copyOf(invited))));
    }

    private Write.ChangeOutcome add(GroupChange.AddMembers add) {
        Map<String, Role> roles = roles(add.groupId());
        LinkedHashSet<String> added = new LinkedHashSet<>(add.users());
        added.removeAll(roles.keySet());
        Optional<Write.Refused> refused = GroupRules.check(add.groupId(), roles, add.by(), true)
                .or(() -> unknown(added))
                .or(() -> GroupRules.checkSize(roles.size() + added.size(), model.groups.get(add.groupId()).maxUsers));
        if (refused.isPresent()) {
            return refused.get();
        }
        String key = ConversationKey.group(add.groupId());
        Conversation conversation = model.conversations.get(key);
        List<Write.Notice> notices = new ArrayList<>();
        for (String user : added) {
            model.member(key, conversation, user).joinedSeq = conversation.lastSeq;
            conversation.members.get(user).readSeq = conversation.lastSeq;
            List<String> everyone = new ArrayList<>(conversation.members.keySet());
            List<String> storedFor = new ArrayList<>(everyone);
            storedFor.remove(add.by());
            notices.add(event(add.groupId(), "memberAdded", user, add.by(), everyone, storedFor));
        }
        return new Write.Changed(Optional.empty(), add.groupId(), notices);
    }

    /** A change that sends one event to the members as they were before it. */
    private Write.ChangeOutcome change(long groupId, String by, boolean manage, String event, String user,
                                       java.util.function.Supplier<Optional<Write.Refused>> apply) {
        Map<String, Role> roles = roles(groupId);
        Optional<Write.Refused> refused = event.equals("memberRemoved") ? Optional.empty()
                : GroupRules.check(groupId, roles, by, manage);
        if (refused.isEmpty()) {
            refused = apply.get();
        }
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> everyone = new ArrayList<>(roles.keySet());
        List<String> storedFor = new ArrayList<>(everyone);
        storedFor.remove(by);
        Write.Notice notice = event(groupId, event, user, by, everyone, storedFor);
        String key = ConversationKey.group(groupId);
        if (event.equals("destroyed")) {
            model.groups.remove(groupId);
            model.conversations.get(key).members.keySet().forEach(u -> model.conversationsOfUser.get(u).remove(key));
            model.conversations.get(key).members.clear();
        } else if (event.equals("memberRemoved")) {
            model.conversations.get(key).members.remove(user);
            model.conversationsOfUser.get(user).remove(key);
        }
        return new Write.Changed(Optional.empty(), groupId, List.of(notice));
    }

    private Write.Notice event(long groupId, String event, String user, String by, List<String> everyone,
                               List<String> storedFor) {
        long time = model.clock.millis();
        return model.storeEvent(ConversationKey.group(groupId), 0, by, id -> new Frame.GroupEvent(Long.toString(id),
                Long.toString(groupId), event, user, by, time), storedFor, everyone);
    }

    private Optional<Write.Refused> unknown(java.util.Collection<String> users) {
        return users.stream().filter(u -> !model.users.containsKey(u)).findFirst()
                .map(u -> new Write.Refused(ErrorCode.USER_NOT_FOUND, "no such user: " + u));
    }
}
