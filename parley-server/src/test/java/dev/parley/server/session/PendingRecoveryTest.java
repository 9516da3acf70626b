package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.Stores;
import dev.parley.server.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery of what a cluster's bus lost, over a real store and one connection without a network: a message that
 * never arrived live is sent from the store, once; what the connection was sent is never sent again, whether the
 * recovery or a late live delivery comes second.
 */
class PendingRecoveryTest {
    private static final FrameCodec CODEC = new FrameCodec();

    private final MessageStore store = Stores.openMemory(Clock.systemUTC());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final SessionRegistry registry = new SessionRegistry();
    private final Messages messages = new Messages(UnaryOperator.identity());
    private final PendingRecovery recovery = new PendingRecovery(registry, store, CODEC, messages, timers,
            Runnable::run, Duration.ofMinutes(1));
    private final FakeSocket socket = new FakeSocket("s1");

    @AfterEach
    void close() {
        recovery.close();
        timers.shutdownNow();
        store.close();
    }

    private Connection openBob(SentLedger ledger) {
        Connection c = new Connection(socket.session, null, CODEC, 1024 * 1024,
                new FrameBudget(100, 100, System.nanoTime()), ledger);
        registry.connected(c);
        assertThat(c.beginOpening()).isTrue();
        assertThat(c.beginSync("bob", "phone", new Frame.Opened("bob", Long.MAX_VALUE, 0))).isTrue();
        assertThat(registry.signedIn("bob", c, 4)).isTrue();
        assertThat(c.sync().range(0, 0)).isTrue();
        assertThat(c.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        return c;
    }

    private StoredMessage send(String localId, String body) {
        Write.Result r = store.commit(List.of(new Write.Append("amy", localId, "bob", body, "{}"))).getFirst();
        return ((Write.Appended) r).message();
    }

    private EncodedMessage live(StoredMessage m) {
        return new EncodedMessage(m.id(), "bob", Outbound.Encoded.of(CODEC.encode(messages.toFrame(m))));
    }

    @Test
    void aMessageTheBusLostIsSentFromTheStoreOnceAndALateLiveCopyIsDropped() {
        Connection bob = openBob(SentLedger.tracking(100));
        StoredMessage first = send("a1", "arrives live");
        StoredMessage lost = send("a2", "lost on the bus");
        bob.deliver(live(first));

        recovery.round(store.lastMessageId());
        recovery.round(store.lastMessageId()); // nothing new: the client has not acknowledged, but was sent both
        bob.deliver(live(lost)); // the bus delivers it after all, late

        assertThat(socket.messageIds()).containsExactly(first.id(), lost.id());
        assertThat(recovery.recovered()).isEqualTo(1);
    }

    @Test
    void whatTheClientAcknowledgedIsForgottenAndNotRecoveredAgain() {
        SentLedger ledger = SentLedger.tracking(100);
        Connection bob = openBob(ledger);
        StoredMessage m1 = send("a1", "one");
        StoredMessage m2 = send("a2", "two");
        bob.deliver(live(m1));
        bob.deliver(live(m2));
        store.commit(List.of(new Write.MarkDelivered(m1.id(), "bob"), new Write.MarkDelivered(m2.id(), "bob")));

        recovery.round(store.lastMessageId());
        assertThat(ledger.size()).as("kept for a whole interval").isEqualTo(2);
        recovery.round(store.lastMessageId());

        assertThat(ledger.size()).isZero();
        assertThat(socket.messageIds()).containsExactly(m1.id(), m2.id());
    }

    @Test
    void itemsCommittedAfterTheRoundsBoundWaitForTheNextRound() {
        Connection bob = openBob(SentLedger.tracking(100));
        long bound = store.lastMessageId();
        StoredMessage m = send("a1", "in flight");

        recovery.round(bound);
        assertThat(socket.messageIds()).isEmpty();
        recovery.round(store.lastMessageId());
        assertThat(socket.messageIds()).containsExactly(m.id());
    }

    @Test
    void aConnectionThatOverflowsItsLedgerIsLeftToItsNextSignIn() {
        Connection bob = openBob(SentLedger.tracking(2));
        StoredMessage m1 = send("a1", "one");
        StoredMessage m2 = send("a2", "two");
        StoredMessage m3 = send("a3", "three");
        StoredMessage lost = send("a4", "lost");
        bob.deliver(live(m1));
        bob.deliver(live(m2));
        bob.deliver(live(m3)); // a third unacknowledged item: the ledger no longer knows everything

        recovery.round(store.lastMessageId());

        assertThat(socket.messageIds()).containsExactly(m1.id(), m2.id(), m3.id()).doesNotContain(lost.id());
    }

    @Test
    void withoutALedgerNothingIsRecovered() {
        openBob(SentLedger.off());
        send("a1", "lost");

        recovery.round(store.lastMessageId());

        assertThat(socket.messageIds()).isEmpty();
    }
}
