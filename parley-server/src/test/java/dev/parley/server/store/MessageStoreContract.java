package dev.parley.server.store;

import dev.parley.server.store.MessageStore.ConversationSummary;
import dev.parley.server.store.StoredMessage.DeliveryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.appended;
import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.marked;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link MessageStore} must do, whatever keeps its data: writes, marks, users, pending pages, the
 * conversation list, history pages and retention. Each implementation's test extends this class and adds what is its
 * own (durability, faults, query plans).
 */
abstract class MessageStoreContract {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    final TestClock clock = new TestClock(START);
    MessageStore store;

    /** Opens the implementation under test on an empty data dir. */
    abstract MessageStore open(Path dataDir, Clock clock);

    @BeforeEach
    void openStore() {
        store = open(dir, clock);
    }

    @AfterEach
    void closeStore() {
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

        assertThat(retried).isEqualTo(new Write.Appended(first, true, List.of()));
        assertThat(appended(sameBatch.get(0)).duplicate()).isFalse();
        assertThat(appended(sameBatch.get(1)))
                .isEqualTo(new Write.Appended(appended(sameBatch.get(0)).message(), true, List.of()));
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

        // one's own messages are never unread
        assertThat(store.conversations("alice", 10)).containsExactly(new ConversationSummary("alice", note, 0));
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
        List<Write<?>> writes = new ArrayList<>();
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
    void unreadCountsFollowReadMarksAndRetention() {
        StoredMessage old = send(store, "bob", "1", "alice", "old and unread");
        clock.advance(Duration.ofDays(2));
        StoredMessage read = send(store, "bob", "2", "alice", "read soon");
        send(store, "bob", "3", "alice", "still unread");
        send(store, "alice", "4", "bob", "alice's answer, unread by bob");

        StoredMessage last = send(store, "bob", "5", "alice", "the newest");
        commitOne(store, new Write.MarkDelivered(last.id(), "alice")); // delivered is still unread
        // reading a message reads everything before it in its conversation, as every messenger shows it
        commitOne(store, new Write.MarkRead(read.id(), "alice"));
        commitOne(store, new Write.MarkRead(read.id(), "alice")); // twice counts once
        // an older one changes no count, but its sender gets its receipt (once)
        assertThat(marked(commitOne(store, new Write.MarkRead(old.id(), "alice"))).changed()).isTrue();
        assertThat(marked(commitOne(store, new Write.MarkRead(old.id(), "alice"))).changed()).isFalse();
        assertThat(store.conversations("alice", 10)).extracting(ConversationSummary::unreadCount).containsExactly(2);
        assertThat(store.conversations("bob", 10)).extracting(ConversationSummary::unreadCount).containsExactly(1);
        assertThat(store.findMessage(old.id())).hasValueSatisfying(m -> assertThat(m.state())
                .isEqualTo(DeliveryState.READ));

        store.deleteOlderThan(START.plus(Duration.ofDays(1)));

        assertThat(store.conversations("alice", 10)).extracting(ConversationSummary::unreadCount).containsExactly(2);
        assertThat(store.conversations("bob", 10)).extracting(ConversationSummary::unreadCount).containsExactly(1);
    }
}
