package dev.parley.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ChatOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.PresenceEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence against a real server: online, offline with last seen, the status line, many users, reconnects. */
class PresenceServiceTest {
    private final DirectFx fx = new DirectFx();
    private final ManualTime timers = new ManualTime();
    private TestServer server;
    private PresenceService presence;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        if (presence != null) {
            fx.run(presence::close);
        }
        server.close();
    }

    /** Leo signed in with a plain SDK client, its events fed to the service on the "FX thread", as the app will. */
    private void leoSignsIn() {
        Peer leo = server.peer("leo");
        presence = fx.get(() -> new PresenceService(leo.client(), "leo", fx, Clock.systemDefaultZone(), Locale.UK,
                timers));
        leo.client().addEventHandler("presence", new ChatEventHandler() {
            @Override
            public void onPresenceStatusChange(PresenceEvent event) {
                fx.run(() -> presence.presenceChanged(event));
            }

            @Override
            public void onConnectionStateChanged(ConnectionState state) {
                fx.run(() -> presence.connectionChanged(state));
            }
        });
    }

    @Test
    void roySigningInAndOutIsSeenWithLastSeenAndStatusLine() {
        server.register("roy");
        leoSignsIn();
        UserPresence roy = fx.get(() -> presence.of("Roy"));
        fx.run(() -> presence.watch(List.of("roy", "leo")));
        fx.await("roy offline", () -> roy.getPresence().state() == Presence.State.OFFLINE, roy::getPresence);
        assertThat(fx.get(roy::getHeader)).isEqualTo("offline");
        assertThat(fx.get(presence::watched)).as("never oneself").containsExactly("roy");

        Peer royOnline = server.peer("roy");
        fx.await("roy online", roy::isOnline, roy::getPresence);
        assertThat(fx.get(roy::getHeader)).isEqualTo("online");

        TestServer.join(royOnline.client().presenceManager().publishPresence("On the train"));
        fx.await("roy's status line", () -> roy.getStatusLine().equals("On the train"), roy::getPresence);

        royOnline.client().close();
        fx.await("roy offline again", () -> !roy.isOnline(), roy::getPresence);
        assertThat(fx.get(() -> roy.getPresence().lastSeen())).isPresent();
        assertThat(fx.get(roy::getHeader)).isEqualTo("last seen just now");
    }

    @Test
    void moreThanAHundredUsersAreSubscribedInBatches() {
        List<String> many = IntStream.range(0, 230).mapToObj(i -> "user" + i).toList();
        many.forEach(server::token); // registers them (without a password: quick)
        leoSignsIn();

        fx.run(() -> presence.watch(many));

        fx.await("everyone's presence", () -> many.stream().allMatch(u ->
                presence.of(u).getPresence().state() == Presence.State.OFFLINE),
                () -> many.stream().filter(u -> presence.of(u).getPresence().state() != Presence.State.OFFLINE)
                        .count() + " unknown");
        Peer last = server.peer("user229");
        fx.await("the last batch's user online", () -> presence.of("user229").isOnline());
        last.client().close();
    }

    @Test
    void watchingGoesOnAfterAReconnect() {
        server.register("amy");
        leoSignsIn();
        UserPresence amy = fx.get(() -> presence.of("amy"));
        fx.run(() -> presence.watch(List.of("amy")));
        fx.await("amy offline", () -> amy.getPresence().state() == Presence.State.OFFLINE);

        server.stop();
        server.startAgain();
        Peer amyOnline = server.peer("amy");

        fx.await("amy online, seen after leo reconnected", amy::isOnline, amy::getPresence);
        amyOnline.client().close();
    }

    @Test
    void aNewLoginOnTheSameClientSubscribesAgain() {
        server.register("amy");
        server.register("leo");
        ChatClient leo = ChatClient.create(ChatOptions.builder().appKey(TestServer.APP_KEY).url(server.wsUrl())
                .reconnectPolicy(TestServer.FAST_RECONNECT).build());
        presence = fx.get(() -> new PresenceService(leo, "leo", fx, Clock.systemDefaultZone(), Locale.UK, timers));
        leo.addEventHandler("presence", new ChatEventHandler() {
            @Override
            public void onPresenceStatusChange(PresenceEvent event) {
                fx.run(() -> presence.presenceChanged(event));
            }

            @Override
            public void onConnectionStateChanged(ConnectionState state) {
                fx.run(() -> presence.connectionChanged(state));
            }
        });
        UserPresence amy = fx.get(() -> presence.of("amy"));
        fx.run(() -> presence.watch(List.of("amy"))); // before the login: subscribed once connected
        assertThat(fx.get(amy::getPresence)).isEqualTo(Presence.UNKNOWN);

        TestServer.join(leo.open("leo", server.token("leo")));

        fx.await("amy offline", () -> amy.getPresence().state() == Presence.State.OFFLINE, amy::getPresence);
        leo.close();
    }

    @Test
    void headerLinesMoveOnWithTime() {
        ManualTime time = new ManualTime();
        server.register("roy");
        Peer leo = server.peer("leo");
        presence = fx.get(() -> new PresenceService(leo.client(), "leo", fx, time, Locale.UK, time));
        UserPresence roy = fx.get(() -> presence.of("roy"));
        long fiveMinutesAgo = time.instant().minus(Duration.ofMinutes(5)).toEpochMilli();

        fx.run(() -> presence.presenceChanged(new PresenceEvent("roy", false, fiveMinutesAgo, "")));
        assertThat(fx.get(roy::getHeader)).isEqualTo("last seen 5 minutes ago");
        fx.run(() -> time.advance(Duration.ofMinutes(2)));
        assertThat(fx.get(roy::getHeader)).isEqualTo("last seen 7 minutes ago");
    }
}
