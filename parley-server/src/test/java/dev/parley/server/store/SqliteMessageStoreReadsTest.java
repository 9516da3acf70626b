package dev.parley.server.store;

import dev.parley.server.store.MessageStore.ConversationSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Conversation list, history pages and retention of the SQLite store. */
class SqliteMessageStoreReadsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(START);
    private SqliteMessageStore store;

    @BeforeEach
    void open() {
        store = SqliteMessageStore.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void conversationsAreNewestFirstWithUnreadCounts() {
        StoredMessage toDave = send(store, "alice", "1", "dave", "hi dave");
        StoredMessage fromBob1 = send(store, "bob", "2", "alice", "one");
        StoredMessage fromBob2 = send(store, "bob", "3", "alice", "two");
        StoredMessage toBob = send(store, "alice", "4", "bob", "answer");
        StoredMessage fromCarol = send(store, "carol", "5", "alice", "hey");
        send(store, "bob", "6", "carol", "not alice's");

        assertThat(store.conversations("alice", 10)).containsExactly(
                new ConversationSummary("carol", fromCarol, 1),
                new ConversationSummary("bob", toBob, 2),
                new ConversationSummary("dave", toDave, 0));
        assertThat(store.conversations("alice", 2)).extracting(ConversationSummary::peer)
                .containsExactly("carol", "bob");
        assertThat(store.conversations("bob", 10))
                .extracting(ConversationSummary::peer, ConversationSummary::unreadCount)
                .containsExactly(tuple("carol", 0), tuple("alice", 1));

        store.commit(List.of(new Write.MarkRead(fromBob1.id(), "alice"),
                new Write.MarkDelivered(fromBob2.id(), "alice")));

        // Delivered is not read: one of bob's two messages is still unread.
        assertThat(store.conversations("alice", 10)).filteredOn(c -> c.peer().equals("bob"))
                .extracting(ConversationSummary::unreadCount).containsExactly(1);
        assertThat(store.conversations("erin", 10)).isEmpty();
    }

    @Test
    void aConversationWithOneselfIsListedOnce() {
        StoredMessage note = send(store, "alice", "1", "alice", "note to self");

        assertThat(store.conversations("alice", 10)).containsExactly(new ConversationSummary("alice", note, 1));
    }

    @Test
    void historyPagesNewestFirstWithBeforeCursor() {
        List<StoredMessage> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(i % 2 == 0
                    ? send(store, "bob", "b" + i, "alice", "m" + i)
                    : send(store, "alice", "a" + i, "bob", "m" + i));
            send(store, "alice", "c" + i, "carol", "elsewhere " + i);
        }

        List<StoredMessage> page1 = store.history("alice", "bob", Optional.empty(), 2);
        List<StoredMessage> page2 = store.history("alice", "bob", Optional.of(page1.getLast().id()), 2);
        List<StoredMessage> page3 = store.history("bob", "alice", Optional.of(page2.getLast().id()), 2);
        List<StoredMessage> page4 = store.history("bob", "alice", Optional.of(page3.getLast().id()), 2);

        assertThat(page1).containsExactly(sent.get(4), sent.get(3));
        assertThat(page2).containsExactly(sent.get(2), sent.get(1));
        assertThat(page3).containsExactly(sent.get(0));
        assertThat(page4).isEmpty();
        assertThat(page1).extracting(StoredMessage::seq).containsExactly(5L, 4L);
        assertThatThrownBy(() -> store.history("alice", "bob", Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionRemovesOnlyOldMessages() {
        StoredMessage old1 = send(store, "alice", "1", "bob", "old");
        StoredMessage old2 = send(store, "carol", "2", "alice", "old too");
        clock.advance(Duration.ofDays(31));
        StoredMessage recent = send(store, "bob", "3", "alice", "recent");

        int deleted = store.deleteOlderThan(START.plus(Duration.ofDays(30)));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.findMessage(old1.id())).isEmpty();
        assertThat(store.findMessage(old2.id())).isEmpty();
        assertThat(store.findMessage(recent.id())).contains(recent);
        assertThat(store.pendingFor("alice", 10)).containsExactly(recent);
        assertThat(store.conversations("alice", 10)).extracting(ConversationSummary::peer).containsExactly("bob");
        // Sequence numbers and ids go on counting after retention emptied a conversation.
        StoredMessage carolAgain = send(store, "carol", "4", "alice", "new");
        assertThat(carolAgain.seq()).isEqualTo(2);
        assertThat(carolAgain.id()).isGreaterThan(recent.id());
        assertThat(store.deleteOlderThan(START)).isZero();
    }

    @Test
    void retentionDeletesMoreThanOneChunk() {
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            writes.add(append("alice", "old" + i, "bob", "x"));
        }
        store.commit(writes);
        clock.advance(Duration.ofMillis(1));
        StoredMessage kept = send(store, "alice", "new", "bob", "kept");

        assertThat(store.deleteOlderThan(clock.instant())).isEqualTo(2_500);
        assertThat(store.history("alice", "bob", Optional.empty(), 10)).containsExactly(kept);
    }

    @Test
    void everyReadAndRetentionQueryUsesAnIndex() {
        for (String sql : List.of(SqliteMessageStore.SELECT_PENDING, SqliteMessageStore.SELECT_HISTORY,
                SqliteMessageStore.SELECT_LAST_MESSAGES, SqliteMessageStore.SELECT_UNREAD_COUNTS,
                SqliteMessageStore.DELETE_OLD_CHUNK)) {
            List<String> plan = store.onWriteConnection(c -> {
                List<String> steps = new ArrayList<>();
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                    for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                        explain.setString(i, "x");
                    }
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            steps.add(rows.getString("detail"));
                        }
                    }
                }
                return steps;
            });

            assertThat(plan).as(sql).noneMatch(step -> step.matches("SCAN (messages|conversations)"));
            assertThat(plan).as(sql).anyMatch(step -> step.contains("INDEX") || step.contains("PRIMARY KEY"));
        }
    }
}
