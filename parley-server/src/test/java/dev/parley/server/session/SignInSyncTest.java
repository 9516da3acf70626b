package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.Stores;
import dev.parley.server.store.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in sync over a real store, one connection without a network: it reads the next page only when the client
 * has read the previous one, and a full sync pool answers "server busy" instead of queueing without bound.
 */
class SignInSyncTest {
    private static final FrameCodec CODEC = new FrameCodec();

    @TempDir
    Path dir;
    private MessageStore store;
    private final FakeSocket socket = new FakeSocket("s1");

    @BeforeEach
    void open() {
        store = Stores.openSqlite(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Connection signedIn(long maxQueuedBytes) {
        Connection c = new Connection(socket.session, null, CODEC, maxQueuedBytes, 
                new FrameBudget(100, 100, System.nanoTime()), SentLedger.off());
        assertThat(c.beginOpening()).isTrue();
        assertThat(c.beginSync("bob", "", new Frame.Opened("bob", Long.MAX_VALUE, 0))).isTrue();
        return c;
    }

    @Test
    void theNextPageIsReadOnlyWhenTheClientHasReadThePreviousOne() {
        List<Write<?>> backlog = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            backlog.add(new Write.Append("amy", "m" + i, "bob", "backlog message number " + i, "{}"));
        }
        store.commit(backlog);
        socket.holdWrites = true; // the client reads nothing until told to
        Connection bob = signedIn(64 * 1024);
        new SignInSync(store, CODEC, new Messages(java.util.function.UnaryOperator.identity()), Runnable::run, 64 * 1024).start(bob, "bob");

        int firstPage = socket.messageIds().size();
        assertThat(firstPage).as("one page, bounded by a quarter of the queue").isBetween(1, 256);
        assertThat(bob.queuedBytes()).isLessThanOrEqualTo(64 * 1024 / 4 + 1_024);
        int pages = 1;
        while (!(socket.frames().getLast() instanceof Frame.SyncEnd)) {
            int before = socket.messageIds().size();
            socket.completeWrites(); // the client reads what it has
            assertThat(socket.messageIds().size()).as("a new page after reading").isGreaterThan(before);
            pages++;
        }
        assertThat(socket.messageIds()).isEqualTo(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(socket.frames().get(1)).isEqualTo(new Frame.SyncStart(1_000));
        assertThat(pages).isGreaterThan(1_000 / 256);
        assertThat(bob.state()).isEqualTo(Connection.State.OPEN);
    }

    @Test
    void aFullSyncPoolAnswersServerBusyAndClosesForALaterTry() {
        Connection bob = signedIn(1024 * 1024);
        new SignInSync(store, CODEC, new Messages(java.util.function.UnaryOperator.identity()), work -> {
            throw new RejectedExecutionException("full");
        }, 1024 * 1024).start(bob, "bob");

        assertThat(socket.frames()).filteredOn(f -> f instanceof Frame.Error).singleElement()
                .satisfies(e -> assertThat(((Frame.Error) e).code()).isEqualTo(ErrorCode.SERVER_BUSY.code()));
        assertThat(socket.closes).singleElement()
                .satisfies(r -> assertThat(r.getCloseCode().getCode()).isEqualTo(1013));
    }
}
