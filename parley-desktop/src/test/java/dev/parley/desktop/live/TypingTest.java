package dev.parley.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatEventHandler;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TypingEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.protocol.Content;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing: announcing it at most every 3 s while the composer changes, and who is typing, expiring after 5 s. */
class TypingTest {
    private static final ConversationId WITH_ROY = ConversationId.single("roy");
    private static final ConversationId WITH_LEO = ConversationId.single("leo");
    private final DirectFx fx = new DirectFx();
    private final ManualTime time = new ManualTime();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String capitalised(String user) {
        return user.substring(0, 1).toUpperCase(Locale.ROOT) + user.substring(1);
    }

    @Test
    void aBurstOfKeystrokesAnnouncesTypingOnceEveryThreeSeconds() throws Exception {
        Peer roy = server.peer("roy");
        BlockingQueue<TypingEvent> royHears = new LinkedBlockingQueue<>();
        roy.client().addEventHandler("typing", new ChatEventHandler() {
            @Override
            public void onTypingMessage(TypingEvent typing) {
                royHears.add(typing);
            }
        });
        Peer leo = server.peer("leo");
        TypingAnnouncer announcer = new TypingAnnouncer(leo.client(), time);

        List<Boolean> sent = new ArrayList<>();
        String text = "";
        for (int key = 0; key < 30; key++) { // 30 keystrokes, 100 ms apart: 0 … 2.9 s
            text += "x";
            sent.add(announcer.composerChanged(WITH_ROY, text));
            time.advance(Duration.ofMillis(100));
        }
        assertThat(sent.stream().filter(b -> b).count()).as("one announcement in the first 3 s").isEqualTo(1);
        assertThat(sent.getFirst()).as("the first keystroke announces at once").isTrue();
        TypingEvent heard = royHears.poll(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(heard).isNotNull();
        assertThat(heard.from()).isEqualTo("leo");
        assertThat(heard.conversation()).isEqualTo(WITH_LEO);

        assertThat(announcer.composerChanged(WITH_ROY, text + "y")).as("at 3.0 s typing goes on: again").isTrue();
        time.advance(Duration.ofMillis(500));
        assertThat(announcer.composerChanged(WITH_ROY, text + "yz")).isFalse();
        assertThat(announcer.composerChanged(ConversationId.single("amy"), "a"))
                .as("another conversation has its own 3 s").isTrue();
    }

    @Test
    void anEmptyComposerNeverAnnouncesAndEndsTheTyping() {
        Peer leo = server.peer("leo");
        TypingAnnouncer announcer = new TypingAnnouncer(leo.client(), time);

        assertThat(announcer.composerChanged(WITH_ROY, "")).isFalse();
        assertThat(announcer.composerChanged(WITH_ROY, "   ")).isFalse();
        assertThat(announcer.composerChanged(WITH_ROY, "h")).isTrue();
        time.advance(Duration.ofMillis(500));
        assertThat(announcer.composerChanged(WITH_ROY, "")).as("sent, the composer emptied").isFalse();
        time.advance(Duration.ofMillis(500));
        assertThat(announcer.composerChanged(WITH_ROY, "n")).as("a new message begins: announced at once").isTrue();
    }

    @Test
    void whoIsTypingExpiresFiveSecondsAfterTheirLastEvent() {
        TypingTracker tracker = new TypingTracker("leo", TypingTest::capitalised, time);
        var text = tracker.textProperty(WITH_ROY);

        tracker.typing(new TypingEvent(WITH_ROY, "roy"));
        assertThat(text.get()).isEqualTo("Roy is typing…");
        time.advance(Duration.ofMillis(4_900));
        assertThat(text.get()).isEqualTo("Roy is typing…");
        tracker.typing(new TypingEvent(WITH_ROY, "roy")); // at 4.9 s: lasts until 9.9 s
        time.advance(Duration.ofMillis(4_999));
        assertThat(text.get()).isEqualTo("Roy is typing…");
        time.advance(Duration.ofMillis(1));
        assertThat(text.get()).as("5 s after the last event").isEmpty();
        assertThat(tracker.typingIn(WITH_ROY)).isEmpty();
        assertThat(time.waiting()).as("no timer left behind").isZero();
    }

    @Test
    void namesAreJoinedAndAMessageEndsItsSendersTyping() {
        ConversationId group = ConversationId.group("42");
        TypingTracker tracker = new TypingTracker("leo", TypingTest::capitalised, time);
        var text = tracker.textProperty(group);

        tracker.typing(new TypingEvent(group, "roy"));
        tracker.typing(new TypingEvent(group, "leo")); // this user on another device: not shown
        assertThat(text.get()).isEqualTo("Roy is typing…");
        tracker.typing(new TypingEvent(group, "amy"));
        assertThat(text.get()).isEqualTo("Roy and Amy are typing…");
        tracker.typing(new TypingEvent(group, "roy")); // roy keeps his place
        assertThat(text.get()).isEqualTo("Roy and Amy are typing…");
        tracker.typing(new TypingEvent(group, "kim"));
        assertThat(text.get()).isEqualTo("3 people are typing…");
        assertThat(tracker.textProperty(WITH_ROY).get()).as("other conversations are not affected").isEmpty();

        tracker.messageArrived(new ReceivedMessage("m1", "roy", "42", group.chatType(), new Content.Text("hi"),
                Instant.now(), Json.createObjectBuilder().build(), dev.parley.client.MessageState.PENDING, false));
        assertThat(text.get()).isEqualTo("Amy and Kim are typing…");
        time.advance(Duration.ofSeconds(5));
        assertThat(text.get()).isEmpty();
    }

    @Test
    void typingOfAPeerShowsThroughTheRealServer() {
        Peer leo = server.peer("leo");
        Peer roy = server.peer("roy");
        TypingTracker tracker = fx.get(() -> new TypingTracker("leo", user -> user, time));
        leo.client().addEventHandler("typing", new ChatEventHandler() {
            @Override
            public void onTypingMessage(TypingEvent typing) {
                fx.run(() -> tracker.typing(typing));
            }
        });
        var text = fx.get(() -> tracker.textProperty(WITH_ROY));

        TestServer.join(roy.client().chatManager().sendTyping(WITH_LEO.chatType(), "leo"));

        fx.await("roy is typing", () -> text.get().equals("roy is typing…"), text::get);
        fx.run(() -> time.advance(TypingEvent.VALIDITY));
        assertThat(fx.get(text::get)).isEmpty();
    }
}
