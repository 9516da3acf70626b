package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatOptionsTest {

    private static ChatOptions.Builder valid() {
        return ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:8080/websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "parley", "parley#", "#test", "#", "a#b#c", "parley##test", "parley#test#"})
    void appKeyThatIsNotExactlyTwoNonEmptyPartsIsRejected(String appKey) {
        assertThatThrownBy(() -> valid().appKey(appKey).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid appKey");
    }

    @Test
    void appKeySplitsIntoOrgAndApp() {
        ChatOptions options = valid().build();
        assertThat(options.orgName()).isEqualTo("parley");
        assertThat(options.appName()).isEqualTo("test");
    }

    @Test
    void defaultsFollowAgoraChat() {
        ChatOptions options = valid().build();
        assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.autoReconnectMaxAttempts()).isEqualTo(ChatOptions.RECONNECT_FOREVER);
        assertThat(options.sendTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.restTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.deviceId()).isNotBlank();
        assertThat(valid().build().deviceId()).isNotEqualTo(options.deviceId());
    }

    @Test
    void apiUrlDefaultsToTheWebSocketsHostAndPort() {
        assertThat(valid().build().apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(valid().url("wss://chat.example:443/websocket").build().apiUrl())
                .isEqualTo(URI.create("https://chat.example:443"));
        assertThat(valid().apiUrl("http://10.0.0.1:9000").build().apiUrl())
                .isEqualTo(URI.create("http://10.0.0.1:9000"));
    }

    @Test
    void urlsMustHaveTheRightScheme() {
        assertThatThrownBy(() -> valid().url("http://127.0.0.1:8080/websocket").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> valid().apiUrl("ws://127.0.0.1:8080").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiUrl");
    }

    @Test
    void zeroReconnectAttemptsIsAllowedButNegativeIsNot() {
        assertThat(valid().autoReconnectMaxAttempts(0).build().autoReconnectMaxAttempts()).isZero();
        assertThatThrownBy(() -> valid().autoReconnectMaxAttempts(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> valid().heartbeatInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid().sendTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appKeyAndUrlAreRequired() {
        assertThatThrownBy(() -> ChatOptions.builder().url("ws://h:1/websocket").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appKey");
        assertThatThrownBy(() -> ChatOptions.builder().appKey("a#b").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("url");
    }

    @Test
    void createdClientStartsDisconnectedAndCannotOpenAfterClose() {
        ChatClient client = ChatClient.create(valid().build(), new FakeTransport());
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(client.isOpened()).isFalse();
        assertThat(client.currentUser()).isEmpty();
        client.close();
        client.close(); // idempotent
        assertThatThrownBy(() -> client.open("leo", "007token")).isInstanceOf(IllegalStateException.class);
    }
}
