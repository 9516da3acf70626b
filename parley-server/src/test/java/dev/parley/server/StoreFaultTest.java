package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the store cannot write (a full disk, a read-only database), a send gets error 500 with its local id and no
 * receipt, nothing is delivered, and once the fault clears the same send goes through, once.
 */
class StoreFaultTest {
    /** Over one SQLite page (4 KiB), so storing it needs a new page even in a fresh database. */
    private static final String BIG = "x".repeat(5_000);

    @TempDir
    Path dir;

    private ParleyServer server;
    private RawClient leo;
    private RawClient roy;

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
        leo = RawClient.signedIn(server, "leo");
        roy = RawClient.signedIn(server, "roy");
    }

    @AfterEach
    void stop() {
        leo.close();
        roy.close();
        server.close();
    }

    /** Sends and returns every frame up to the answer for {@code localId} and a pong, whichever order they come. */
    private List<Frame.ServerFrame> sendAndCollect(String localId, String text) {
        leo.send(Frame.Send.text(localId, "roy", text));
        leo.send(new Frame.Ping(77));
        List<Frame.ServerFrame> frames = new ArrayList<>();
        boolean answered = false;
        boolean ponged = false;
        while (!(answered && ponged)) {
            Frame.ServerFrame f = leo.next();
            frames.add(f);
            answered |= f instanceof Frame.Error e && e.localId().equals(localId)
                    || f instanceof Frame.Receipt r && r.localId().equals(localId);
            ponged |= f instanceof Frame.Pong;
        }
        return frames;
    }

    private void aFaultFailsTheSendWith500AndNoReceiptUntilItClears(Consumer<MessageStore> fault,
                                                                      Consumer<MessageStore> repair) {
        fault.accept(server.store());

        List<Frame.ServerFrame> answer = sendAndCollect("during", BIG);
        assertThat(answer).noneMatch(Frame.Receipt.class::isInstance);
        assertThat(answer).filteredOn(Frame.Error.class::isInstance).singleElement()
                .satisfies(f -> {
                    Frame.Error e = (Frame.Error) f;
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY.code());
                    assertThat(e.localId()).isEqualTo("during");
                });
        // the session survives the fault
        leo.send(new Frame.Ping(1));
        assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(1);

        repair.accept(server.store());

        List<Frame.ServerFrame> retried = sendAndCollect("during", BIG);
        assertThat(retried).filteredOn(Frame.Receipt.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((Frame.Receipt) r).localId()).isEqualTo("during"));
        Frame.Message first = roy.expect(Frame.Message.class);
        assertThat(first.msg()).as("the retry is the first and only copy").isEqualTo(BIG);

        try (RawClient royAgain = RawClient.connect(server)) {
            royAgain.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofMinutes(5)), ""));
            royAgain.expect(Frame.Opened.class);
            assertThat(royAgain.expect(Frame.SyncStart.class).count()).as("one message stored, not two").isEqualTo(1);
            assertThat(royAgain.expect(Frame.Message.class).id()).isEqualTo(first.id());
        }
    }

    @Test
    void aFullDiskFailsTheSendWith500AndNoReceiptUntilItClears() {
        aFaultFailsTheSendWith500AndNoReceiptUntilItClears(StoreFaults::fillTheDisk, StoreFaults::freeTheDisk);
    }

    @Test
    void aReadOnlyDatabaseFailsTheSendWith500AndNoReceiptUntilItClears() {
        aFaultFailsTheSendWith500AndNoReceiptUntilItClears(StoreFaults::makeReadOnly, StoreFaults::makeWritable);
    }

    @Test
    void aReceiptThatCannotBeStoredGets500AndTheMessageStaysPending() {
        leo.send(Frame.Send.text("m1", "roy", "hello"));
        leo.expect(Frame.Receipt.class);
        String id = roy.expect(Frame.Message.class).id();

        StoreFaults.makeReadOnly(server.store());
        roy.send(new Frame.Delivered(id));
        Frame.Error e = roy.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY.code());
        StoreFaults.makeWritable(server.store());

        try (RawClient royAgain = RawClient.connect(server)) {
            royAgain.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofMinutes(5)), ""));
            royAgain.expect(Frame.Opened.class);
            assertThat(royAgain.expect(Frame.SyncStart.class).count()).as("still pending").isEqualTo(1);
            assertThat(royAgain.expect(Frame.Message.class).id()).isEqualTo(id);
        }
    }
}
