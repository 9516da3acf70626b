package dev.parley.server.store;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.server.store.GroupRecord.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link GroupChange}s inside the writer's transaction: checks who may make the change, changes the group and
 * its members, and stores a {@code groupEvent} for each member (and the user added or removed) but the one who made
 * it; the result's notice delivers it to everyone's sessions now.
 * <p>
 * Threading: confined to the thread of the transaction (SQLite: the one that holds the store's write lock).
 */
final class SqlGroups {
    private final StatementCache statements;
    private final SqlDialect dialect;
    private final SqlEvents events;
    private final Clock clock;

    SqlGroups(StatementCache statements, SqlDialect dialect, SqlEvents events, Clock clock) {
        this.statements = statements;
        this.dialect = dialect;
        this.events = events;
        this.clock = clock;
    }

    private static final String MEMBERS = "SELECT member, role FROM members WHERE conv = ?";

    /** The members of a conversation with their roles, in no particular order (empty when there is none). */
    Map<String, Role> roles(String conv) throws SQLException {
        PreparedStatement select = statements.prepare(MEMBERS);
        select.setString(1, conv);
        Map<String, Role> members = new LinkedHashMap<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                members.put(row.getString(1), Role.of(row.getInt(2)));
            }
        }
        return members;
    }

    List<String> members(String conv) throws SQLException {
        return new ArrayList<>(roles(conv).keySet());
    }

    Write.ChangeOutcome apply(GroupChange change) throws SQLException {
        if (!(change instanceof GroupChange.Create)) { // its members and sequence stay as read until the commit
            dialect.lockConversation(statements, ConversationKey.group(groupId(change)));
        }
        return switch (change) {
            case GroupChange.Create create -> create(create);
            case GroupChange.Update update -> update(update);
            case GroupChange.Destroy destroy -> destroy(destroy);
            case GroupChange.AddMembers add -> add(add);
            case GroupChange.RemoveMember remove -> remove(remove);
        };
    }

    private static long groupId(GroupChange change) {
        return switch (change) {
            case GroupChange.Create create -> throw new IllegalArgumentException("a new group has no id yet");
            case GroupChange.Update update -> update.groupId();
            case GroupChange.Destroy destroy -> destroy.groupId();
            case GroupChange.AddMembers add -> add.groupId();
            case GroupChange.RemoveMember remove -> remove.groupId();
        };
    }

    private static final String INSERT_GROUP = """
            INSERT INTO groups (name, description, owner, max_users, created) VALUES (?, ?, ?, ?, ?) RETURNING id""";
    private static final String INSERT_CONVERSATION =
            "INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id) VALUES (?, '', '', 0, 0)";
    private static final String INSERT_MEMBER =
            "INSERT INTO members (conv, member, role, joined_seq, read_seq) VALUES (?, ?, ?, ?, ?)";
    private static final String USER_EXISTS = "SELECT 1 FROM users WHERE username = ?";

    private Write.ChangeOutcome create(GroupChange.Create create) throws SQLException {
        LinkedHashSet<String> invited = new LinkedHashSet<>(create.members());
        invited.remove(create.by());
        Optional<Write.Refused> tooMany = GroupRules.checkSize(invited.size() + 1, create.maxUsers());
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        Optional<String> unknown = firstUnknown(invited);
        if (unknown.isPresent()) {
            return new Write.Refused(ErrorCode.USER_NOT_FOUND, "no such user: " + unknown.get());
        }
        long time = clock.millis();
        PreparedStatement insert = statements.prepare(INSERT_GROUP);
        insert.setString(1, create.name());
        insert.setString(2, create.description());
        insert.setString(3, create.by());
        insert.setInt(4, create.maxUsers());
        insert.setLong(5, time);
        long groupId;
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            groupId = row.getLong(1);
        }
        String conv = ConversationKey.group(groupId);
        PreparedStatement conversation = statements.prepare(INSERT_CONVERSATION);
        conversation.setString(1, conv);
        conversation.executeUpdate();
        addMember(conv, create.by(), Role.OWNER, 0);
        for (String user : invited) {
            addMember(conv, user, Role.MEMBER, 0);
        }
        List<String> everyone = new ArrayList<>(invited);
        everyone.addFirst(create.by());
        Write.Notice notice = event(conv, groupId, "created", "", create.by(), time, invited, everyone);
        return new Write.Changed(Optional.empty(), groupId, List.of(notice));
    }

    private static final String UPDATE_GROUP = """
            UPDATE groups SET name = CASE WHEN ? = '' THEN name ELSE ? END,
                description = CASE WHEN ? = '' THEN description ELSE ? END WHERE id = ?""";

    private Write.ChangeOutcome update(GroupChange.Update update) throws SQLException {
        String conv = ConversationKey.group(update.groupId());
        Map<String, Role> roles = roles(conv);
        Optional<Write.Refused> refused = GroupRules.check(update.groupId(), roles, update.by(), true);
        if (refused.isPresent()) {
            return refused.get();
        }
        PreparedStatement statement = statements.prepare(UPDATE_GROUP);
        statement.setString(1, update.name());
        statement.setString(2, update.name());
        statement.setString(3, update.description());
        statement.setString(4, update.description());
        statement.setLong(5, update.groupId());
        statement.executeUpdate();
        return changed(conv, update.groupId(), "updated", "", update.by(), roles.keySet(), List.of());
    }

    private static final String DESTROY_GROUP = "UPDATE groups SET destroyed = 1 WHERE id = ?";
    private static final String REMOVE_ALL = "DELETE FROM members WHERE conv = ?";

    private Write.ChangeOutcome destroy(GroupChange.Destroy destroy) throws SQLException {
        String conv = ConversationKey.group(destroy.groupId());
        Map<String, Role> roles = roles(conv);
        Optional<Write.Refused> refused = GroupRules.check(destroy.groupId(), roles, destroy.by(), true);
        if (refused.isPresent()) {
            return refused.get();
        }
        refused = GroupRules.checkDestroy(roles, destroy.by());
        if (refused.isPresent()) {
            return refused.get();
        }
        Write.ChangeOutcome outcome = changed(conv, destroy.groupId(), "destroyed", "", destroy.by(), roles.keySet(),
                List.of());
        PreparedStatement mark = statements.prepare(DESTROY_GROUP);
        mark.setLong(1, destroy.groupId());
        mark.executeUpdate();
        PreparedStatement removeAll = statements.prepare(REMOVE_ALL);
        removeAll.setString(1, conv);
        removeAll.executeUpdate();
        return outcome;
    }

    private static final String MAX_USERS = "SELECT max_users FROM groups WHERE id = ?";
    private static final String LAST_SEQ = "SELECT last_seq FROM conversations WHERE conv = ?";

    private Write.ChangeOutcome add(GroupChange.AddMembers add) throws SQLException {
        String conv = ConversationKey.group(add.groupId());
        Map<String, Role> roles = roles(conv);
        Optional<Write.Refused> refused = GroupRules.check(add.groupId(), roles, add.by(), true);
        if (refused.isPresent()) {
            return refused.get();
        }
        LinkedHashSet<String> added = new LinkedHashSet<>(add.users());
        added.removeAll(roles.keySet());
        Optional<String> unknown = firstUnknown(added);
        if (unknown.isPresent()) {
            return new Write.Refused(ErrorCode.USER_NOT_FOUND, "no such user: " + unknown.get());
        }
        Optional<Write.Refused> full = GroupRules.checkSize(roles.size() + added.size(),
                (int) longOf(MAX_USERS, add.groupId()));
        if (full.isPresent()) {
            return full.get();
        }
        long joinedSeq = longOf(LAST_SEQ, conv);
        long time = clock.millis();
        List<String> everyone = new ArrayList<>(roles.keySet());
        List<Write.Notice> notices = new ArrayList<>();
        for (String user : added) {
            addMember(conv, user, Role.MEMBER, joinedSeq);
            everyone.add(user);
            List<String> storedFor = new ArrayList<>(everyone);
            storedFor.remove(add.by());
            notices.add(event(conv, add.groupId(), "memberAdded", user, add.by(), time, storedFor, everyone));
        }
        return new Write.Changed(Optional.empty(), add.groupId(), notices);
    }

    private static final String REMOVE_MEMBER = "DELETE FROM members WHERE conv = ? AND member = ?";

    private Write.ChangeOutcome remove(GroupChange.RemoveMember remove) throws SQLException {
        String conv = ConversationKey.group(remove.groupId());
        Map<String, Role> roles = roles(conv);
        Optional<Write.Refused> refused = GroupRules.checkRemove(remove.groupId(), roles, remove.by(), remove.user());
        if (refused.isPresent()) {
            return refused.get();
        }
        Write.ChangeOutcome outcome = changed(conv, remove.groupId(), "memberRemoved", remove.user(), remove.by(),
                roles.keySet(), List.of());
        PreparedStatement delete = statements.prepare(REMOVE_MEMBER);
        delete.setString(1, conv);
        delete.setString(2, remove.user());
        delete.executeUpdate();
        return outcome;
    }

    /** One group event for all {@code members}, stored for all but {@code by}. */
    private Write.ChangeOutcome changed(String conv, long groupId, String event, String user, String by,
                                        java.util.Collection<String> members, List<String> extra) throws SQLException {
        List<String> everyone = new ArrayList<>(members);
        extra.forEach(u -> {
            if (!everyone.contains(u)) {
                everyone.add(u);
            }
        });
        List<String> storedFor = new ArrayList<>(everyone);
        storedFor.remove(by);
        return new Write.Changed(Optional.empty(), groupId,
                List.of(event(conv, groupId, event, user, by, clock.millis(), storedFor, everyone)));
    }

    private Write.Notice event(String conv, long groupId, String event, String user, String by, long time,
                               java.util.Collection<String> storedFor, List<String> everyone) throws SQLException {
        return events.store(conv, SqlEvents.KIND_GROUP, 0, by, time,
                id -> new Frame.GroupEvent(Long.toString(id), Long.toString(groupId), event, user, by, time),
                List.copyOf(storedFor), everyone);
    }

    private void addMember(String conv, String user, Role role, long joinedSeq) throws SQLException {
        PreparedStatement insert = statements.prepare(INSERT_MEMBER);
        insert.setString(1, conv);
        insert.setString(2, user);
        insert.setInt(3, role.code());
        insert.setLong(4, joinedSeq);
        insert.setLong(5, joinedSeq);
        insert.executeUpdate();
    }

    private Optional<String> firstUnknown(java.util.Collection<String> users) throws SQLException {
        PreparedStatement exists = statements.prepare(USER_EXISTS);
        for (String user : users) {
            exists.setString(1, user);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    return Optional.of(user);
                }
            }
        }
        return Optional.empty();
    }

    private long longOf(String sql, Object key) throws SQLException {
        PreparedStatement select = statements.prepare(sql);
        if (key instanceof Long l) {
            select.setLong(1, l);
        } else {
            select.setString(1, (String) key);
        }
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
