package dev.parley.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.notify.NotificationDaemon.Shown;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.OutboxStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Desktop notifications end to end, against real things only: a real D-Bus session bus (a private
 * {@code dbus-daemon}), a real {@code org.freedesktop.Notifications} service on it ({@link NotificationDaemon}), the
 * app's {@link FreedesktopNotifier} and {@link ChatService}, and a real server with a real SDK client on the other
 * end. The FX thread is a direct executor (no toolkit); "the window has no focus" is what the window tells the
 * service.
 */
class DesktopNotificationsTest {
    private static SessionBus bus;

    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private NotificationDaemon daemon;
    private FreedesktopNotifier notifier;
    private ChatService leo;

    @BeforeAll
    static void startBus() throws Exception {
        bus = SessionBus.start();
    }

    @AfterAll
    static void stopBus() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        daemon = NotificationDaemon.register(bus.address());
        notifier = FreedesktopNotifier.connect(bus.address());
        assertThat(notifier.connected().get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        leo = new ChatService(fx, options -> options.reconnectPolicy(TestServer.FAST_RECONNECT),
                OutboxStore.inMemory(), notifier);
    }

    @AfterEach
    void stop() throws Exception {
        fx.run(leo::close);
        notifier.close();
        daemon.close();
        server.close();
    }

    private void signInAway() throws Exception {
        fx.run(() -> leo.setWindowFocused(false));
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        fx.await("connected and synced",
                () -> leo.getConnectionState() == ConnectionState.CONNECTED && !leo.isSyncing());
    }

    @Test
    void messageWhileAwayIsNotifiedAndClickingItOpensTheConversation() throws Exception {
        Peer roy = server.peer("roy");
        signInAway();
        CountDownLatch broughtForward = new CountDownLatch(1);
        fx.run(() -> leo.onNotificationClicked(broughtForward::countDown));

        roy.send("leo", "Lunch at noon?\nThe usual place.");

        Shown first = daemon.next();
        assertThat(first.appName()).isEqualTo("Parley");
        assertThat(first.summary()).isEqualTo("roy");
        assertThat(first.body()).isEqualTo("Lunch at noon? …");
        assertThat(first.actions()).containsSequence("default", "Open");
        assertThat(first.replacesId()).isZero();
        assertThat(fx.get(leo::getOpenConversation)).isEmpty();

        roy.send("leo", "Or one o'clock.");
        Shown second = daemon.next();
        assertThat(second.body()).isEqualTo("Or one o'clock.");
        assertThat(second.replacesId()).as("one notification a conversation, replaced").isEqualTo(first.id());

        daemon.click(second.id());

        fx.await("roy's conversation open", () -> leo.isOpen(ConversationId.single("roy")));
        assertThat(broughtForward.await(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void nothingIsNotifiedWhileTheWindowHasTheFocusOrWithTheSettingOff() throws Exception {
        Peer roy = server.peer("roy");
        signInAway();

        fx.run(() -> leo.setWindowFocused(true));
        roy.send("leo", "seen in the window");
        fx.run(() -> {
            leo.setWindowFocused(false);
            leo.setNotificationsEnabled(false);
        });
        roy.send("leo", "quiet: notifications are off");
        fx.await("both messages in", () -> leo.getConversations().stream()
                .anyMatch(c -> c.preview().startsWith("quiet")));
        fx.run(() -> leo.setNotificationsEnabled(true));
        roy.send("leo", "loud again");

        // The notifier makes its calls one at a time, in order: a call for either earlier message would come first.
        assertThat(daemon.next().body()).isEqualTo("loud again");
    }

    @Test
    void theSignInBacklogIsOneSummaryNotification() throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        server.token("leo");
        roy.send("leo", "one");
        roy.send("leo", "two");
        amy.send("leo", "three");

        signInAway();

        Shown summary = daemon.next();
        assertThat(summary.summary()).isEqualTo("3 new messages");
        assertThat(summary.body()).isEqualTo("from roy, amy");

        roy.send("leo", "live");
        Shown live = daemon.next();
        assertThat(live.body()).as("the backlog was told once, not message by message").isEqualTo("live");
        assertThat(live.summary()).isEqualTo("roy");
    }

    @Test
    void signingOutTakesTheNotificationsAway() throws Exception {
        Peer roy = server.peer("roy");
        signInAway();
        roy.send("leo", "hello");
        long id = daemon.next().id();

        fx.run(leo::signOut);

        assertThat(daemon.nextClosed()).isEqualTo(id);
    }

    @Test
    void openingTheConversationWithdrawsItsNotification() throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        signInAway();
        roy.send("leo", "from roy");
        long royId = daemon.next().id();
        amy.send("leo", "from amy");
        daemon.next();

        fx.run(() -> leo.openConversation(ConversationId.single("roy")));

        assertThat(daemon.nextClosed()).as("roy's notification closed (CloseNotification)").isEqualTo(royId);
        amy.send("leo", "amy again");
        assertThat(daemon.next().body()).isEqualTo("amy again");
        assertThat(daemon.closedSoFar()).as("amy's was left alone").isEmpty();
    }

    @Test
    void theWindowGettingTheFocusWithdrawsEveryNotification() throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        signInAway();
        roy.send("leo", "from roy");
        long royId = daemon.next().id();
        amy.send("leo", "from amy");
        long amyId = daemon.next().id();

        fx.run(() -> leo.setWindowFocused(true));

        assertThat(java.util.List.of(daemon.nextClosed(), daemon.nextClosed())).containsExactlyInAnyOrder(royId, amyId);
    }
}
