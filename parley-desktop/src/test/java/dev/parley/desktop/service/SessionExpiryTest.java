package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Tokens that run out: the user is warned, can paste a new token, and a password session renews by itself. */
class SessionExpiryTest {
    private final DirectFx fx = new DirectFx();

    @Test
    void tokenSessionWarnsThenExpiresThenSignsInAgainWithAPastedToken() throws Exception {
        try (TestServer server = TestServer.start()) {
            ChatService leo = server.service(fx);
            SignInRequest shortLived = new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo",
                    SignInMethod.TOKEN, server.token("leo", Duration.ofSeconds(2)));
            List<String> seen = record(leo);
            fx.get(() -> leo.signIn(shortLived)).get(10, TimeUnit.SECONDS);
            fx.await("expired", () -> texts(leo).contains(
                    "Your session has expired. Paste a new token to continue.")
                    && leo.getConnectionState() == ConnectionState.DISCONNECTED && leo.isRenewalNeeded());
            assertThat(seen).as("warned first").containsSubsequence(
                    "Your session ends soon. Paste a new token to stay signed in.",
                    "Your session has expired. Paste a new token to continue.");
            assertThat(fx.get(leo::isSignedIn)).as("still in the chat window, offline").isTrue();

            fx.run(() -> leo.renewToken(server.token("leo")));
            fx.await("signed in again", () -> leo.getConnectionState() == ConnectionState.CONNECTED
                    && !leo.isRenewalNeeded());
            fx.run(leo::close);
        }
    }

    @Test
    void tokenRenewedBeforeExpiryKeepsTheSession() throws Exception {
        try (TestServer server = TestServer.start()) {
            ChatService leo = server.service(fx);
            SignInRequest shortLived = new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo",
                    SignInMethod.TOKEN, server.token("leo", Duration.ofSeconds(4)));
            fx.get(() -> leo.signIn(shortLived)).get(10, TimeUnit.SECONDS);
            fx.await("renewal needed", leo::isRenewalNeeded);

            fx.run(() -> leo.renewToken(server.token("leo")));
            fx.await("renewed", () -> texts(leo).contains("Session renewed.") && !leo.isRenewalNeeded());
            fx.run(() -> leo.renewToken("not a token"));
            fx.await("refused", () -> texts(leo).contains("That token is not valid for this server."));
            assertThat(fx.get(leo::getConnectionState)).isEqualTo(ConnectionState.CONNECTED);
            fx.run(leo::close);
        }
    }

    @Test
    void passwordSessionRenewsByItself() throws Exception {
        try (TestServer server = TestServer.start(config -> config.maxUserTokenTtl(Duration.ofSeconds(4)))) {
            server.register("leo");
            ChatService leo = server.service(fx);
            Instant firstTokenExpired = Instant.now().plusMillis(4_500);
            fx.get(() -> leo.signIn(server.passwordSignIn("leo", TestServer.PASSWORD))).get(10, TimeUnit.SECONDS);
            fx.await("renewed", () -> texts(leo).contains("Session renewed."));
            assertThat(fx.get(leo::isRenewalNeeded)).isFalse();

            fx.await("the first token's expiry has passed", () -> Instant.now().isAfter(firstTokenExpired));
            assertThat(fx.get(leo::getConnectionState)).isEqualTo(ConnectionState.CONNECTED);
            assertThat(fx.get(() -> texts(leo))).noneMatch(t -> t.contains("expired"));
            fx.run(leo::close);
        }
    }

    /** Every toast text the service shows from now on (a toast of the same topic replaces the last one). */
    private List<String> record(ChatService service) {
        List<String> seen = new CopyOnWriteArrayList<>();
        fx.run(() -> service.getToasts().addListener((ListChangeListener<Toast>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(toast -> seen.add(toast.text()));
            }
        }));
        return seen;
    }

    private static List<String> texts(ChatService service) {
        return service.getToasts().stream().map(Toast::text).toList();
    }
}
