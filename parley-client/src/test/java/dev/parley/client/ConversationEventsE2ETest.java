package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's version 2 requests and events against a real server: recall and edit (online and at sign-in, in order),
 * reading a whole conversation on two devices, typing and presence.
 */
class ConversationEventsE2ETest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    /** The server's clock, which a test moves on (the recall window). */
    private final MovingClock serverClock = new MovingClock();
    private final RecordingHandler leoEvents = new RecordingHandler();
    private final RecordingHandler royEvents = new RecordingHandler();
    private ChatClient leo;
    private ChatClient roy;

    @BeforeEach
    void bothOnline() {
        live = LiveServer.start(dataDir, config -> { }, serverClock);
        leo = live.client(leoEvents);
        roy = live.client(royEvents);
        await(leo.open("leo", live.token("leo")));
        await(roy.open("roy", live.token("roy")));
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void aRecallAndAnEditReachTheOnlinePeerAndAnOfflineOneInOrder() {
        live.token("amy");
        SendReceipt toRoy = await(leo.send(TextMessage.create("roy", "oops")));
        royEvents.await("text:" + toRoy.serverId());
        await(leo.chatManager().recallMessage(toRoy.serverId()));
        royEvents.await("recall:" + toRoy.serverId() + ":leo:singleChat/leo");

        SendReceipt typo = await(leo.send(TextMessage.create("amy", "helo amy")));
        SendReceipt secret = await(leo.send(TextMessage.create("amy", "a secret")));
        await(leo.chatManager().modifyMessage(typo.serverId(), "hello amy"));
        await(leo.chatManager().recallMessage(secret.serverId()));

        RecordingHandler amyEvents = new RecordingHandler().recordingOnMessage();
        ChatClient amy = live.client(amyEvents);
        await(amy.open("amy", live.token("amy")));
        amyEvents.await("syncStart:4");
        assertThat(amyEvents.await("text:" + typo.serverId())).endsWith(":helo amy"); // as sent
        assertThat(amyEvents.await("message:" + secret.serverId())).endsWith(":recalled");
        assertThat(amyEvents.await("edit:" + typo.serverId())).contains(":hello amy:");
        amyEvents.await("recall:" + secret.serverId());
        amyEvents.await("syncEnd");
        amy.close();

        // acknowledged: nothing comes again
        RecordingHandler again = new RecordingHandler();
        ChatClient amyAgain = live.client(again);
        await(amyAgain.open("amy", live.token("amy")));
        again.await("syncStart:0");
    }

    @Test
    void aRecallAfterTheWindowAndOneByAnotherUserFailWithTheirCodes() {
        SendReceipt sent = await(leo.send(TextMessage.create("roy", "too late to take back")));
        royEvents.await("text:" + sent.serverId());

        assertThatThrownBy(() -> await(roy.chatManager().recallMessage(sent.serverId())))
                .satisfies(e -> assertThat(((ChatException) rootCause(e)).code())
                        .isEqualTo(ErrorCode.PERMISSION_DENIED.code()));
        serverClock.advance(Duration.ofSeconds(121)); // past the default window of 120 s
        assertThatThrownBy(() -> await(leo.chatManager().recallMessage(sent.serverId())))
                .satisfies(e -> assertThat(((ChatException) rootCause(e)).code())
                        .isEqualTo(ErrorCode.RECALL_WINDOW_PASSED.code()));
    }

    /** The system clock, moved on by what a test adds. */
    private static final class MovingClock extends java.time.Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(offset);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void readingAConversationOnOneDeviceZeroesItsUnreadCountOnTheOtherAndTellsTheSender() {
        RecordingHandler royPhoneEvents = new RecordingHandler();
        ChatClient royPhone = live.client(live.options().deviceId("roy-phone"), royPhoneEvents);
        await(royPhone.open("roy", live.token("roy")));
        await(leo.send(TextMessage.create("roy", "one")));
        SendReceipt two = await(leo.send(TextMessage.create("roy", "two")));
        royPhoneEvents.await("text:" + two.serverId());
        assertThat(await(roy.conversations()).getFirst().unreadCount()).isEqualTo(2);

        await(roy.chatManager().ackConversationRead(ChatType.SINGLE, "leo"));

        royPhoneEvents.await("channel:singleChat/leo:roy:byMe");
        leoEvents.await("channel:singleChat/roy:roy");
        assertThat(await(royPhone.conversations()).getFirst().unreadCount()).isZero();
    }

    @Test
    void typingReachesAnOnlinePeerAndPresenceFollowsThePeer() {
        List<PresenceEvent> now = await(roy.presenceManager().subscribePresence(List.of("leo")));
        assertThat(now).singleElement().satisfies(p -> assertThat(p.online()).isTrue());
        await(leo.presenceManager().publishPresence("在开会"));
        royEvents.await("presence:leo:online:在开会");

        await(leo.chatManager().sendTyping(ChatType.SINGLE, "roy"));
        royEvents.await("typing:singleChat/leo:leo");

        leo.close();
        royEvents.await("presence:leo:offline");
    }
}
