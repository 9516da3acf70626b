package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Any conversation can be removed from the list: an empty one, or one with messages, until a new message comes. */
class RemoveConversationTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService leo;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        leo = server.service(fx);
    }

    @AfterEach
    void stop() {
        fx.run(leo::close);
        server.close();
    }

    private List<String> peers() {
        return fx.get(() -> leo.getConversations().stream().map(ConversationItem::peer).toList());
    }

    @Test
    void aRemovedConversationStaysAwayUntilANewMessageComes() throws Exception {
        Peer roy = server.peer("roy");
        server.token("leo");
        server.register("nobody-yet"); // the server checks that a new chat's user exists
        roy.send("leo", "an old message");
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("listed", () -> peers().equals(List.of("roy")) && !leo.isSyncing());
        fx.get(() -> leo.startConversation("nobody-yet")).get(10, TimeUnit.SECONDS);
        assertThat(peers()).containsExactly("nobody-yet", "roy");

        fx.run(() -> leo.removeConversation("nobody-yet"));
        fx.run(() -> leo.removeConversation("roy"));
        assertThat(peers()).isEmpty();
        assertThat(fx.get(leo::getOpenPeer)).isEmpty();
        fx.run(() -> leo.setWindowFocused(false));
        fx.run(() -> leo.setWindowFocused(true)); // fetches the server's list again
        fx.await("the list was fetched again", () -> !leo.isSyncing());
        assertThat(peers()).isEmpty();

        roy.send("leo", "a new message");
        fx.await("back with the new message", () -> peers().equals(List.of("roy")));
        assertThat(fx.get(() -> leo.getConversations().getFirst().preview())).isEqualTo("a new message");
    }
}
