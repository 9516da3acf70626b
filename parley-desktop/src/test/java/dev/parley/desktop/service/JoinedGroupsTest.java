package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.ReconnectPolicy;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Groups without messages in the list, against a real server: one made in leo's name while he was away is listed
 * at sign-in; one he removed from the list stays removed at the next sign-in; one made while his connection was down
 * is listed after the reconnect (no event reached him, and the server's list leaves out conversations without
 * messages).
 */
class JoinedGroupsTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService leo;

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.register("leo", "Leo Jones");
        server.register("roy", "Roy Smith");
    }

    @AfterEach
    void stop() {
        fx.run(leo::close);
        server.close();
    }

    private void signIn() throws Exception {
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
    }

    private boolean listed(ConversationId id, String title) {
        return fx.get(() -> leo.getConversations().stream()
                .anyMatch(r -> r.conversation().equals(id) && r.title().equals(title)));
    }

    /** A group made by leo's other client (a script), with no message. */
    private ConversationId groupMadeElsewhere(String name) {
        return ConversationId.group(TestServer.join(server.peer("leo").client().groupManager()
                .createGroup(name, List.of("roy"))));
    }

    @Test
    void aRemovedGroupWithoutMessagesStaysRemovedAtTheNextSignIn() throws Exception {
        leo = server.service(fx);
        ConversationId trip = groupMadeElsewhere("trip");
        signIn();
        fx.await("the group listed", () -> listed(trip, "trip"), () -> List.copyOf(leo.getConversations()));

        fx.run(() -> leo.removeConversation(trip));
        fx.run(leo::signOut);
        ConversationId lunch = groupMadeElsewhere("lunch");
        signIn();
        fx.await("the other group listed", () -> listed(lunch, "lunch"), () -> List.copyOf(leo.getConversations()));
        assertThat(fx.get(() -> leo.getConversations().stream().map(ConversationItem::conversation).toList()))
                .as("the removed group stays off the list").containsExactly(lunch);
    }

    @Test
    void aGroupMadeWhileTheConnectionWasDownIsListedAfterTheReconnect() throws Exception {
        // leo's client waits 3 s before trying again: the group is made in that time
        leo = server.service(fx, options -> options.reconnectPolicy(
                ReconnectPolicy.withDelays(attempt -> Duration.ofSeconds(3))));
        signIn();
        fx.await("signed in, nothing listed", () -> !leo.isSyncing() && leo.getConversations().isEmpty());
        server.stop();
        fx.await("the connection lost", () -> leo.getConnectionState() != ConnectionState.CONNECTED);
        server.startAgain();
        ConversationId trip = groupMadeElsewhere("trip");
        assertThat(fx.get(leo::getConnectionState)).as("made before leo is back")
                .isNotEqualTo(ConnectionState.CONNECTED);

        fx.await("back", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        fx.await("the group listed after the reconnect", () -> listed(trip, "trip"),
                () -> List.copyOf(leo.getConversations()));
    }
}
