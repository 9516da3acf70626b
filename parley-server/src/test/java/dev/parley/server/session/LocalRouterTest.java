package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One dead socket among a user's connections never keeps a frame from the others. */
class LocalRouterTest {
    private static final FrameCodec CODEC = new FrameCodec();

    private final SessionRegistry registry = new SessionRegistry();
    private final LocalRouter router = new LocalRouter(registry, CODEC);

    private Connection signedIn(FakeSocket socket, String user) {
        Connection c = new Connection(socket.session, null, CODEC, 1024 * 1024, 
                new FrameBudget(100, 100, System.nanoTime()), SentLedger.off());
        registry.connected(c);
        assertThat(c.beginOpening()).isTrue();
        assertThat(registry.signedIn(user, c, 10)).isTrue();
        assertThat(c.beginSync(user, socket.id, new Frame.Opened(user, Long.MAX_VALUE, 0))).isTrue();
        assertThat(c.sync().range(0, 0)).isTrue();
        assertThat(c.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        return c;
    }

    @Test
    void aDeadSocketAmongTheRecipientsDevicesLeavesEveryOtherDeliveryIntact() {
        FakeSocket phone = new FakeSocket("phone");
        FakeSocket laptop = new FakeSocket("laptop");
        FakeSocket tablet = new FakeSocket("tablet");
        signedIn(phone, "bob");
        signedIn(laptop, "bob");
        signedIn(tablet, "bob");
        laptop.dead = true; // gone, and the server has not seen it close yet

        for (long id = 1; id <= 3; id++) {
            Frame.Message m = new Frame.Message(Long.toString(id), "amy", "bob", Frame.SINGLE_CHAT, Frame.TEXT, "hi",
                    id, JsonValue.EMPTY_JSON_OBJECT);
            router.deliverMessage("bob", new EncodedMessage(id, "bob", Outbound.Encoded.of(CODEC.encode(m))), "", "");
            router.deliverNotice("bob", new Frame.ReadReceipt(Long.toString(id), "amy", "bob"));
        }

        assertThat(phone.messageIds()).containsExactly(1L, 2L, 3L);
        assertThat(tablet.messageIds()).containsExactly(1L, 2L, 3L);
        assertThat(phone.frames().stream().filter(f -> f instanceof Frame.ReadReceipt)).hasSize(3);
        assertThat(laptop.closes).as("the dead one is closed, once").hasSize(1);
        assertThat(laptop.messageIds()).isEmpty();
    }

    @Test
    void aMessageIsEncodedOnceForAllItsConnections() {
        FakeSocket phone = new FakeSocket("phone");
        FakeSocket laptop = new FakeSocket("laptop");
        signedIn(phone, "bob");
        signedIn(laptop, "bob");
        Frame.Message m = new Frame.Message("1", "amy", "bob", Frame.SINGLE_CHAT, Frame.TEXT, "hi", 1,
                JsonValue.EMPTY_JSON_OBJECT);
        router.deliverMessage("bob", new EncodedMessage(1, "bob", Outbound.Encoded.of(CODEC.encode(m))), "", "");
        List<String> phoneTexts = phone.sent.stream().filter(t -> t.contains("\"message\"")).toList();
        List<String> laptopTexts = laptop.sent.stream().filter(t -> t.contains("\"message\"")).toList();
        assertThat(phoneTexts.getFirst()).isSameAs(laptopTexts.getFirst());
    }
}
