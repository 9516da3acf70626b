package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live/sync boundary of one connection, step by step, without a network: what the client would receive when a
 * message's fan-out races the sign-in sync.
 */
class ConnectionSyncTest {
    private static final FrameCodec CODEC = new FrameCodec();

    private final FakeSocket socket = new FakeSocket("s1");
    private final Connection bob = connection(socket, 1024 * 1024);

    private static Connection connection(FakeSocket socket, long maxQueuedBytes) {
        return connection(socket, maxQueuedBytes, SentLedger.off());
    }

    private static Connection connection(FakeSocket socket, long maxQueuedBytes, SentLedger ledger) {
        return new Connection(socket.session, null, CODEC, maxQueuedBytes,
                new FrameBudget(100, 100, System.nanoTime()), ledger);
    }

    private static EncodedMessage message(long id, String from, String to) {
        Frame.Message m = new Frame.Message(Long.toString(id), from, to, Frame.SINGLE_CHAT, Frame.TEXT, "m" + id, id,
                JsonValue.EMPTY_JSON_OBJECT);
        return new EncodedMessage(id, to, Outbound.Encoded.of(CODEC.encode(m)));
    }

    private void signIn(Connection c) {
        assertThat(c.beginOpening()).isTrue();
        assertThat(c.beginSync("bob", "phone", new Frame.Opened("bob", Long.MAX_VALUE, 0))).isTrue();
    }

    @Test
    void aMessageCommittedBeforeTheSyncRangeButFannedOutDuringTheSyncArrivesOnce() {
        signIn(bob);
        // message 7 was committed before the sync read its range; its fan-out comes late, while the sync runs
        bob.deliver(message(7, "amy", "bob"));
        assertThat(bob.sync().range(7, 1)).isTrue();
        assertThat(bob.sync().page(List.of(message(7, "amy", "bob")))).isTrue();
        bob.deliver(message(8, "amy", "bob")); // committed after: live, held back until the sync ends
        assertThat(bob.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        bob.deliver(message(9, "amy", "bob"));

        assertThat(socket.messageIds()).containsExactly(7L, 8L, 9L);
        List<Frame.ServerFrame> frames = socket.frames();
        assertThat(frames.get(0)).isInstanceOf(Frame.Opened.class);
        assertThat(frames.get(1)).isEqualTo(new Frame.SyncStart(1));
        assertThat(frames.get(3)).isInstanceOf(Frame.SyncEnd.class);
    }

    @Test
    void aMessageInTheSyncWhoseFanOutComesAfterTheSyncEndedIsNotSentAgain() {
        signIn(bob);
        assertThat(bob.sync().range(7, 1)).isTrue();
        assertThat(bob.sync().page(List.of(message(7, "amy", "bob")))).isTrue();
        assertThat(bob.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        bob.deliver(message(7, "amy", "bob")); // the fan-out thread was behind: it delivers 7 only now
        bob.deliver(message(8, "amy", "bob"));

        assertThat(socket.messageIds()).containsExactly(7L, 8L);
    }

    @Test
    void inAClusterAMessageBelowTheSyncBoundThatCommittedAfterTheSyncReadPastItArrivesLiveAtOnce() {
        // Another node took id 7 before the sync read its bound (8), and committed it after the sync had read: the
        // sync's page holds 6 and 8 only. 7 must still come live, once, and before what the conversation says next;
        // dropped as covered, it waited for recovery and came after 9 and 10.
        Connection cluster = connection(socket, 1024 * 1024, SentLedger.tracking(SentLedger.DEFAULT_CAPACITY));
        signIn(cluster);
        assertThat(cluster.sync().range(8, 2)).isTrue();
        assertThat(cluster.sync().page(List.of(message(6, "amy", "bob"), message(8, "roy", "bob")))).isTrue();
        cluster.deliver(message(8, "roy", "bob")); // the sync's own copy, fanned out late: dropped
        cluster.deliver(message(7, "amy", "bob"));
        assertThat(cluster.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        cluster.deliver(message(9, "amy", "bob"));
        cluster.deliver(message(6, "amy", "bob")); // late again: dropped
        cluster.deliver(message(10, "amy", "bob"));

        assertThat(socket.messageIds()).containsExactly(6L, 8L, 7L, 9L, 10L);
    }

    @Test
    void inAClusterAMessageBelowTheBoundThatCommitsAfterTheSyncEndedArrivesLive() {
        Connection cluster = connection(socket, 1024 * 1024, SentLedger.tracking(SentLedger.DEFAULT_CAPACITY));
        signIn(cluster);
        assertThat(cluster.sync().range(8, 1)).isTrue();
        assertThat(cluster.sync().page(List.of(message(8, "roy", "bob")))).isTrue();
        assertThat(cluster.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        cluster.deliver(message(7, "amy", "bob"));
        cluster.deliver(message(8, "roy", "bob"));
        cluster.deliver(message(9, "amy", "bob"));

        assertThat(socket.messageIds()).containsExactly(8L, 7L, 9L);
    }

    @Test
    void copiesOfTheUsersOwnMessagesAreMergedIntoTheSyncInCommitOrder() {
        signIn(bob);
        // bob's other device sent 5 and 10; their copies fan out while this device syncs 4, 6 and 11
        bob.deliver(message(5, "bob", "amy"));
        bob.deliver(message(10, "bob", "amy"));
        assertThat(bob.sync().range(11, 3)).isTrue();
        bob.deliver(message(12, "amy", "bob"));
        assertThat(bob.sync().page(List.of(message(4, "amy", "bob"), message(6, "amy", "bob")))).isTrue();
        assertThat(bob.sync().page(List.of(message(11, "amy", "bob")))).isTrue();
        assertThat(bob.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);

        assertThat(socket.messageIds()).containsExactly(4L, 5L, 6L, 10L, 11L, 12L);
    }

    @Test
    void heldBackMessagesOverTheBoundAreLeftToTheStoreAndTheSyncExtendsItsRange() {
        Connection small = connection(socket, 64 * 1024);
        signIn(small);
        assertThat(small.sync().range(100, 0)).isTrue();
        for (long id = 101; id <= 1_000; id++) {
            small.deliver(message(id, "amy", "bob")); // ~100 KB: over the bound
        }
        assertThat(small.sync().finish()).as("the sync must read on first").isEqualTo(ConnectionSync.End.EXTEND);
        small.sync().extend(1_000);
        small.deliver(message(1_001, "amy", "bob"));
        // the sync reads 101..1000 from the store, in pages of at most a quarter of the bound
        for (long first = 101; first <= 1_000; first += 100) {
            assertThat(small.sync().page(java.util.stream.LongStream.range(first, first + 100)
                    .mapToObj(id -> message(id, "amy", "bob")).toList())).isTrue();
        }
        assertThat(small.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);

        assertThat(socket.messageIds()).isEqualTo(java.util.stream.LongStream.rangeClosed(101, 1_001).boxed().toList());
        assertThat(socket.closes).isEmpty();
    }

    @Test
    void aClientThatDoesNotReadIsClosedWhenItsQueuePassesTheBoundInBytes() {
        socket.holdWrites = true;
        Connection small = connection(socket, 64 * 1024);
        signIn(small);
        assertThat(small.sync().range(0, 0)).isTrue();
        assertThat(small.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        int delivered = 0;
        while (socket.closes.isEmpty() && delivered < 10_000) {
            small.deliver(message(++delivered, "amy", "bob"));
        }
        assertThat(socket.closes).singleElement()
                .satisfies(r -> assertThat(r.getCloseCode().getCode()).isEqualTo(1013));
        assertThat(delivered).as("closed near 64 KiB of ~110-byte frames").isBetween(400, 800);
        assertThat(small.state()).isEqualTo(Connection.State.CLOSED);
        assertThat(small.queuedBytes()).as("what was queued and never written is released").isLessThan(64 * 1024);
    }

    @Test
    void aSendToADeadSocketClosesThatConnectionOnceAndNeverThrows() {
        signIn(bob);
        assertThat(bob.sync().range(0, 0)).isTrue();
        assertThat(bob.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        socket.dead = true;
        bob.deliver(message(1, "amy", "bob"));
        bob.deliver(message(2, "amy", "bob"));
        bob.send(new Frame.Pong(1));
        assertThat(bob.state()).isEqualTo(Connection.State.CLOSED);
        assertThat(socket.closes).hasSize(1);
    }
}
