package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatException;
import dev.parley.client.ChatRestException;
import dev.parley.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {
    private static final String URL = "ws://chat.example:7070/websocket";

    private static String describe(int code) {
        return ErrorMessages.describe(new CompletionException(new ChatException(code, "raw")), URL);
    }

    @Test
    void sdkCodesBecomeSentences() {
        assertThat(describe(28)).isEqualTo("That token is not valid for this server.");
        assertThat(describe(2)).isEqualTo("That token is not valid for this server.");
        assertThat(describe(56)).isEqualTo("That token has expired. Get a new one and try again.");
        assertThat(describe(204)).isEqualTo("User ID: there is no such user on this server.");
        assertThat(describe(1)).isEqualTo("Wrong user name or password.");
        assertThat(describe(16)).isEqualTo("Cannot reach the server at " + URL + ".");
        assertThat(describe(-1)).isEqualTo("The server did not answer in time.");
        assertThat(describe(509)).isEqualTo("You are sending too fast. Wait a moment and try again.");
        assertThat(describe(12345)).isEqualTo("Something went wrong (error 12345).");
    }

    @Test
    void restFailuresBecomeSentences() {
        assertThat(ErrorMessages.describe(new ChatRestException(ErrorCode.LOGIN_FAILED, 401, "unauthorized", ""), URL))
                .isEqualTo("Wrong user name or password.");
        assertThat(ErrorMessages.describe(new ChatRestException(ErrorCode.BAD_FRAME, 400,
                "duplicate_unique_property_exists", "taken"), URL)).isEqualTo("That user name is already taken.");
        assertThat(ErrorMessages.describe(new ChatRestException(ErrorCode.SERVER_BUSY, 503, "service_unavailable",
                ""), URL)).isEqualTo("The server is busy. Please try again in a moment.");
    }

    @Test
    void errorsAboutWhatWasTypedNameTheField() {
        assertThat(ErrorMessages.describe(new ChatRestException(ErrorCode.BAD_FRAME, 400, "illegal_argument",
                "password must have 6 to 128 characters"), URL)).isEqualTo("Password: use 6 to 128 characters.");
        assertThat(ErrorMessages.describe(new ChatRestException(ErrorCode.BAD_FRAME, 400, "illegal_argument",
                "invalid username"), URL)).isEqualTo("User ID: use 1 to 64 characters of a–z, 0–9, '_', '-' and '.'.");
        assertThat(ErrorMessages.describe(new IllegalArgumentException("user must not be blank"), URL))
                .startsWith("User ID: ");
        assertThat(ErrorMessages.describe(new IllegalArgumentException("token must not be blank"), URL))
                .startsWith("Token: ");
        assertThat(ErrorMessages.describe(new IllegalArgumentException("something else"), URL))
                .startsWith("Server address or app key: ").doesNotContain("Please check what you typed");
        assertThat(describe(27)).isEqualTo("App key: this server does not serve it.");
    }

    @Test
    void sendFailuresNameThePeer() {
        assertThat(ErrorMessages.describeSend(new ChatException(204, "no such user"), "bob"))
                .isEqualTo("There is no user named “bob”.");
        assertThat(ErrorMessages.describeSend(new ChatException(511, "too large"), "bob"))
                .isEqualTo("That message is too long (the limit is 5 KB).");
    }

    @Test
    void unknownFailuresNeverShowTheirMessage() {
        assertThat(ErrorMessages.describe(new IllegalStateException("at dev.parley.Secret token=abc"), URL))
                .isEqualTo("Something went wrong. Please try again.");
    }
}
