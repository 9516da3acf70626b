package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return fx.get(() -> leo.getConversations().stream().map(ConversationItem::id).toList());
    }

    @Test
    void aRemovedConversationStaysAwayUntilANewMessageComes() throws Exception {
        Peer roy = server.peer("roy");
        server.token("leo");
        server.token("nobody-yet"); // exists (new chats are checked), has never written
        roy.send("leo", "an old message");
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("listed", () -> peers().equals(List.of("roy")) && !leo.isSyncing());
        fx.get(() -> leo.startConversation("nobody-yet")).get(10, TimeUnit.SECONDS);
        assertThat(peers()).containsExactly("nobody-yet", "roy");

        fx.run(() -> leo.removeConversation(ConversationId.single("nobody-yet")));
        fx.run(() -> leo.removeConversation(ConversationId.single("roy")));
        assertThat(peers()).isEmpty();
        assertThat(fx.get(leo::getOpenConversation)).isEmpty();
        fx.run(() -> leo.setWindowFocused(false));
        fx.run(() -> leo.setWindowFocused(true)); // fetches the server's list again
        fx.await("the list was fetched again", () -> !leo.isSyncing());
        assertThat(peers()).isEmpty();

        roy.send("leo", "a new message");
        fx.await("back with the new message", () -> peers().equals(List.of("roy")));
        assertThat(fx.get(() -> leo.getConversations().getFirst().preview())).isEqualTo("a new message");
    }

    @Test
    void aRemovedConversationStaysRemovedAtTheNextSignInUntilANewMessageComes(@TempDir Path profile) throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        server.token("leo");
        roy.send("leo", "an old message");
        amy.send("leo", "hello from amy");
        ChatService first = profileService(profile);
        fx.get(() -> first.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("listed", () -> peersOf(first).equals(List.of("amy", "roy")) && !first.isSyncing());
        fx.run(() -> first.removeConversation(ConversationId.single("roy")));
        fx.run(first::close); // the app quits
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.resolve("removed.jsonl"))))
                .isEqualTo("rw-------");

        ChatService second = profileService(profile); // the app starts again, same profile
        try {
            fx.get(() -> second.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
            fx.await("the server's list loaded", () -> peersOf(second).contains("amy") && !second.isSyncing());
            assertThat(peersOf(second)).containsExactly("amy");

            roy.send("leo", "a new message");
            fx.await("roy back with the new message", () -> peersOf(second).equals(List.of("roy", "amy")));
        } finally {
            fx.run(second::close);
        }
        ChatService third = profileService(profile); // and it stays back
        try {
            fx.get(() -> third.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
            fx.await("both listed again", () -> peersOf(third).equals(List.of("roy", "amy")) && !third.isSyncing());
        } finally {
            fx.run(third::close);
        }
    }

    private ChatService profileService(Path profile) {
        return new ChatService(fx, o -> o.reconnectPolicy(TestServer.FAST_RECONNECT), OutboxStore.inMemory(),
                Notifier.none(), RemovalStore.inDirectory(profile));
    }

    private List<String> peersOf(ChatService service) {
        return fx.get(() -> service.getConversations().stream().map(ConversationItem::id).toList());
    }
}
