package dev.parley.server.store;

import dev.parley.server.store.StoredMessage.DeliveryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.appended;
import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.execute;
import static dev.parley.server.store.StoreFixtures.marked;
import static dev.parley.server.store.StoreFixtures.query;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes, marks, users, durability and faults of the SQLite store. Reads have {@link SqliteMessageStoreReadsTest}. */
class SqliteMessageStoreTest {

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
    void appendAssignsIncreasingIdsAndPerConversationSequence() {
        List<Write.Result> batch = store.commit(List.of(
                append("alice", "a1", "bob", "hi bob"),
                append("bob", "b1", "alice", "hi alice"),
                append("alice", "a2", "carol", "hi carol")));
        clock.advance(Duration.ofSeconds(1));
        StoredMessage fourth = send(store, "alice", "a3", "bob", "again");

        List<StoredMessage> messages = batch.stream().map(r -> appended(r).message()).toList();
        assertThat(messages).extracting(StoredMessage::seq).containsExactly(1L, 2L, 1L);
        assertThat(fourth.seq()).isEqualTo(3);
        assertThat(List.of(messages.get(0).id(), messages.get(1).id(), messages.get(2).id(), fourth.id()))
                .isSorted().doesNotHaveDuplicates();
        assertThat(messages.getFirst()).satisfies(m -> {
            assertThat(m.sender()).isEqualTo("alice");
            assertThat(m.recipient()).isEqualTo("bob");
            assertThat(m.body()).isEqualTo("hi bob");
            assertThat(m.ext()).isEqualTo("{}");
            assertThat(m.time()).isEqualTo(START.toEpochMilli());
            assertThat(m.state()).isEqualTo(DeliveryState.PENDING);
        });
        assertThat(fourth.time()).isEqualTo(START.plusSeconds(1).toEpochMilli());
        assertThat(store.findMessage(fourth.id())).contains(fourth);
        assertThat(store.findMessage(fourth.id() + 1)).isEmpty();
    }

    @Test
    void duplicateLocalIdReturnsTheSameMessage() {
        StoredMessage first = send(store, "alice", "retry-me", "bob", "hello");

        Write.Appended retried = appended(commitOne(store, append("alice", "retry-me", "bob", "hello (resent)")));
        List<Write.Result> sameBatch = store.commit(List.of(
                append("alice", "twice", "bob", "one"),
                append("alice", "twice", "bob", "one")));
        Write.Appended otherSender = appended(commitOne(store, append("carol", "retry-me", "bob", "mine")));

        assertThat(retried).isEqualTo(new Write.Appended(first, true));
        assertThat(appended(sameBatch.get(0)).duplicate()).isFalse();
        assertThat(appended(sameBatch.get(1)))
                .isEqualTo(new Write.Appended(appended(sameBatch.get(0)).message(), true));
        assertThat(otherSender.duplicate()).isFalse();
        assertThat(store.history("alice", "bob", Optional.empty(), 10)).extracting(StoredMessage::localId)
                .containsExactly("twice", "retry-me");
    }

    @Test
    void pendingMessagesComeOldestFirstAndLeaveWhenDelivered() {
        StoredMessage first = send(store, "alice", "1", "bob", "first");
        send(store, "bob", "2", "alice", "not for bob");
        StoredMessage second = send(store, "carol", "3", "bob", "second");
        StoredMessage third = send(store, "alice", "4", "bob", "third");

        assertThat(store.pendingFor("bob", 10)).containsExactly(first, second, third);
        assertThat(store.pendingFor("bob", 2)).containsExactly(first, second);

        Write.Marked delivered = marked(commitOne(store, new Write.MarkDelivered(first.id(), "bob")));
        Write.Marked again = marked(commitOne(store, new Write.MarkDelivered(first.id(), "bob")));

        assertThat(delivered.changed()).isTrue();
        assertThat(delivered.message()).hasValueSatisfying(
                m -> assertThat(m.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(store.pendingFor("bob", 10)).containsExactly(second, third);
        assertThat(store.findMessage(first.id())).hasValueSatisfying(
                m -> assertThat(m.state()).isEqualTo(DeliveryState.DELIVERED));
    }

    @Test
    void aBacklogIsPagedByCursorUpToALastIdWithoutSkippingOrRepeating() {
        assertThat(store.lastMessageId()).isZero();
        StoredMessage first = send(store, "alice", "1", "bob", "first");
        StoredMessage second = send(store, "carol", "2", "bob", "second");
        send(store, "bob", "3", "alice", "not for bob");
        StoredMessage third = send(store, "alice", "4", "bob", "third");
        long upTo = store.lastMessageId();
        assertThat(upTo).isEqualTo(third.id());
        StoredMessage later = send(store, "alice", "5", "bob", "after the sync began");

        assertThat(store.countPending("bob", upTo)).isEqualTo(3);
        assertThat(store.pendingFor("bob", 0, upTo, 2)).containsExactly(first, second);
        // the first page is acknowledged while the next is read: the cursor neither skips nor repeats
        commitOne(store, new Write.MarkDelivered(first.id(), "bob"));
        assertThat(store.pendingFor("bob", second.id(), upTo, 2)).containsExactly(third);
        assertThat(store.pendingFor("bob", third.id(), upTo, 2)).isEmpty();
        assertThat(store.pendingFor("bob", third.id(), store.lastMessageId(), 2)).containsExactly(later);
        assertThat(store.countPending("bob", upTo)).isEqualTo(2);
    }

    @Test
    void theLastIdNeverGoesBackAfterTheNewestMessagesAreRemoved() {
        send(store, "alice", "1", "bob", "old");
        long before = store.lastMessageId();
        assertThat(store.deleteOlderThan(clock.instant().plusSeconds(1))).isEqualTo(1);
        assertThat(store.lastMessageId()).isEqualTo(before);
        assertThat(send(store, "alice", "2", "bob", "new").id()).isGreaterThan(before);
    }

    @Test
    void onlyTheRecipientCanMarkAMessage() {
        StoredMessage message = send(store, "alice", "1", "bob", "for bob");

        List<Write.Result> results = store.commit(List.of(
                new Write.MarkDelivered(message.id(), "alice"),
                new Write.MarkRead(message.id(), "carol"),
                new Write.MarkRead(message.id() + 1_000, "bob")));

        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(new Write.Marked(Optional.empty(), false)));
        assertThat(store.findMessage(message.id())).contains(message);
        assertThat(store.pendingFor("bob", 10)).containsExactly(message);
    }

    @Test
    void readImpliesDelivered() {
        StoredMessage message = send(store, "alice", "1", "bob", "read me");

        Write.Marked read = marked(commitOne(store, new Write.MarkRead(message.id(), "bob")));
        Write.Marked deliveredLate = marked(commitOne(store, new Write.MarkDelivered(message.id(), "bob")));
        Write.Marked readAgain = marked(commitOne(store, new Write.MarkRead(message.id(), "bob")));

        assertThat(read.changed()).isTrue();
        assertThat(read.message()).hasValueSatisfying(m -> assertThat(m.state()).isEqualTo(DeliveryState.READ));
        assertThat(deliveredLate.changed()).isFalse();
        assertThat(deliveredLate.message()).hasValueSatisfying(
                m -> assertThat(m.state()).isEqualTo(DeliveryState.READ));
        assertThat(readAgain.changed()).isFalse();
        assertThat(store.pendingFor("bob", 10)).isEmpty();
    }

    @Test
    void createUserRejectsDuplicates() {
        UserRecord alice = new UserRecord("alice", "Alice", "pbkdf2-sha256$1$c2FsdA==$aGFzaA==", 42L);

        List<Write.Result> results = store.commit(List.of(
                new Write.CreateUser(alice),
                new Write.CreateUser(new UserRecord("alice", "Impostor", "", 43L)),
                new Write.CreateUser(user("bob"))));
        Write.Result later = commitOne(store, new Write.CreateUser(new UserRecord("alice", "Again", "", 44L)));

        assertThat(results).containsExactly(new Write.UserCreated(true), new Write.UserCreated(false),
                new Write.UserCreated(true));
        assertThat(later).isEqualTo(new Write.UserCreated(false));
        assertThat(store.findUser("alice")).contains(alice);
        assertThat(store.findUser("bob")).contains(user("bob"));
        assertThat(store.findUser("nobody")).isEmpty();
    }

    @Test
    void committedMessagesSurviveReopen() {
        StoredMessage message = send(store, "alice", "1", "bob", "durable");
        commitOne(store, new Write.CreateUser(user("alice")));
        store.close();

        store = SqliteMessageStore.open(dir, clock);

        assertThat(store.findMessage(message.id())).contains(message);
        assertThat(store.pendingFor("bob", 10)).containsExactly(message);
        assertThat(store.findUser("alice")).contains(user("alice"));
        StoredMessage next = send(store, "bob", "2", "alice", "still here");
        assertThat(next.id()).isGreaterThan(message.id());
        assertThat(next.seq()).isEqualTo(2);
    }

    @Test
    void aFailingStatementRollsBackTheWholeBatch() {
        // A real SQLite error in the middle of a batch: a trigger on the writer connection aborts one insert.
        store.onWriteConnection(c -> execute(c, """
                CREATE TEMP TRIGGER fail_for_mallory BEFORE INSERT ON main.messages WHEN NEW.recipient = 'mallory'
                BEGIN SELECT RAISE(ABORT, 'simulated I/O error'); END"""));
        List<Write> batch = List.of(
                append("alice", "1", "bob", "secret body"),
                new Write.CreateUser(user("carol")),
                append("alice", "2", "mallory", "fails"));

        assertThatThrownBy(() -> store.commit(batch))
                .isInstanceOf(StoreException.class)
                .hasMessage("commit of 3 writes failed")
                .hasStackTraceContaining("simulated I/O error")
                .hasMessageNotContaining("secret body");

        assertThat(store.pendingFor("bob", 10)).isEmpty();
        assertThat(store.findUser("carol")).isEmpty();
        store.onWriteConnection(c -> execute(c, "DROP TRIGGER temp.fail_for_mallory"));
        List<Write.Result> retried = store.commit(batch);
        assertThat(appended(retried.get(0)).duplicate()).isFalse();
        assertThat(appended(retried.get(0)).message().seq()).isEqualTo(1);
        assertThat(retried.get(1)).isEqualTo(new Write.UserCreated(true));
    }

    @Test
    void aWriteConnectionClosedUnderneathIsReopenedForTheNextCommit() {
        store.onWriteConnection(c -> {
            c.close();
            return null;
        });

        StoredMessage message = send(store, "alice", "1", "bob", "after reopen");

        assertThat(store.findMessage(message.id())).contains(message);
    }

    @Test
    void theWriteConnectionIsDurable() {
        assertThat(pragma("journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma("synchronous")).isEqualTo("2");
        assertThat(pragma("foreign_keys")).isEqualTo("1");
        assertThat(pragma("busy_timeout")).isEqualTo("5000");
        assertThat(dir.resolve("parley.db")).exists();
    }

    @Test
    void userIdsWithControlCharactersNeverReachABatch() {
        assertThatThrownBy(() -> append("al\u001Fice", "1", "bob", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append("alice", "1", "", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Write.MarkRead(1, "bob\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();

        assertThatThrownBy(() -> store.findMessage(1)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> send(store, "alice", "1", "bob", "x")).isInstanceOf(StoreException.class);
    }

    private String pragma(String name) {
        return store.onWriteConnection(c -> query(c, "PRAGMA " + name));
    }
}
