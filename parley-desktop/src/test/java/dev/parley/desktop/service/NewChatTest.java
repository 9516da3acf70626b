package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.StubRest;
import dev.parley.desktop.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a chat checks that the user exists ({@code GET /{org}/{app}/users/{user}}): against Parley's server, against
 * a server answering in Agora's shape, and against one without the endpoint (both stood in for by a stub), where the
 * chat opens unchecked.
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
        assertThat(fx.get(leo::getOpenConversation)).isEmpty();
        assertThat(fx.get(() -> leo.getConversations())).isEmpty();

        assertThat(startChat("roy")).isTrue();
        assertThat(fx.get(leo::getOpenConversation)).contains(ConversationId.single("roy"));
        assertThat(fx.get(() -> leo.getConversations().getFirst()))
                .as("the display name, with the user ID beside it").extracting(ConversationItem::name, ConversationItem::id)
                .containsExactly("Roy", "roy");
    }

    @Test
    void parleysServerRefusesAnUnknownUserAndOpensAKnownOne() throws Exception {
        leo = server.service(fx);
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);

        assertThat(startChat("ghost")).isFalse();
        assertThat(fx.get(() -> leo.getToasts().stream().map(Toast::text).toList()))
                .contains("New chat: there is no user “ghost” on this server.");
        assertThat(fx.get(() -> leo.getConversations())).isEmpty();
        assertThat(startChat("ROY")).isTrue();
        assertThat(fx.get(leo::getOpenConversation)).contains(ConversationId.single("roy"));
    }

    @Test
    void aServerWithoutTheLookupOpensTheChatUnchecked() throws Exception {
        StubRest older = new StubRest()
                .answer("/parley/test/users/leo/conversations", 200, "[]")
                .answer("/parley/test/users/leo/messages", 200, "{\"messages\":[],\"isLast\":true}")
                .answer("/parley/test/users/ghost", 404,
                        "{\"error\":\"not_found\",\"error_description\":\"no such resource\"}");
        try (older) {
            leo = server.service(fx, options -> options.apiUrl(older.url()));
            fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
            assertThat(startChat("ghost")).isTrue();
            assertThat(fx.get(leo::getOpenConversation)).contains(ConversationId.single("ghost"));
        }
    }
}
