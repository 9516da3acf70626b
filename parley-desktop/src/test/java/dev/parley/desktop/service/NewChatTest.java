package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.DirectFx;
import dev.parley.desktop.StubRest;
import dev.parley.desktop.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a chat checks that the user exists. The lookup endpoint ({@code GET /{org}/{app}/users/{user}}) is for the
 * server team to add; a stand-in REST server answers as it will, and the real server (without it) shows the fallback.
 */
class NewChatTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private StubRest stub;
    private ChatService leo;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        server.token("roy");
        stub = new StubRest()
                .answer("/parley/test/users/leo/conversations", 200, "[]")
                .answer("/parley/test/users/leo/messages", 200, "{\"messages\":[],\"isLast\":true}")
                .answer("/parley/test/users/roy", 200, "{\"entities\":[{\"username\":\"roy\",\"nickname\":\"Roy\"}]}")
                .answer("/parley/test/users/ghost", 404,
                        "{\"error\":\"service_resource_not_found\",\"error_description\":\"no such user\"}");
    }

    @AfterEach
    void stop() throws Exception {
        fx.run(leo::close);
        stub.close();
        server.close();
    }

    private boolean startChat(String peer) throws Exception {
        return fx.get(() -> leo.startConversation(peer)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnknownUserIsRefusedWithASentenceNamingTheFieldAndNoEmptyChatIsLeft() throws Exception {
        leo = server.service(fx, options -> options.apiUrl(stub.url()));
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);

        assertThat(startChat("Ghost")).isFalse();
        assertThat(fx.get(() -> leo.getToasts().stream().map(Toast::text).toList()))
                .contains("New chat: there is no user “ghost” on this server.");
        assertThat(fx.get(leo::getOpenPeer)).isEmpty();
        assertThat(fx.get(() -> leo.getConversations())).isEmpty();

        assertThat(startChat("roy")).isTrue();
        assertThat(fx.get(leo::getOpenPeer)).isEqualTo("roy");
        assertThat(fx.get(() -> leo.getConversations().getFirst()))
                .as("the display name, with the user ID beside it").extracting(ConversationItem::name, ConversationItem::peer)
                .containsExactly("Roy", "roy");
    }

    @Test
    void aServerWithoutTheLookupOpensTheChatUnchecked() throws Exception {
        // Parley's server has the lookup now: the stub stands in for a protocol v1 server (404 not_found for a path
        // it does not know).
        leo = server.service(fx, options -> options.apiUrl(stub.url()));
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        assertThat(startChat("nobody")).isTrue();
        assertThat(fx.get(leo::getOpenPeer)).isEqualTo("nobody");
    }
}
