package dev.parley.protocol.token;

import static dev.parley.protocol.token.TokenTestSupport.AGORA;
import static dev.parley.protocol.token.TokenTestSupport.T0;
import static dev.parley.protocol.token.TokenTestSupport.clockAt;
import static dev.parley.protocol.token.TokenTestSupport.content;
import static dev.parley.protocol.token.TokenTestSupport.deflate;
import static dev.parley.protocol.token.TokenTestSupport.seal;
import static dev.parley.protocol.token.TokenTestSupport.signedToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.token.TokenException.Reason;
import dev.parley.protocol.token.TokenTestSupport.Bytes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AccessToken2#parse(String)} on everything that is not a well-formed token. */
class AccessToken2ParseTest {
    private static final String TOKEN = AccessToken2.buildUserToken(AGORA, "leo", T0, 600, 99);

    private static void assertMalformed(String token) {
        assertMalformed(() -> AccessToken2.parse(token));
        var verifier = new TokenVerifier(AGORA, clockAt(T0), Duration.ZERO);
        assertMalformed(() -> verifier.verifyUser(token, "leo"));
    }

    private static TokenException assertMalformed(ThrowingCallable call) {
        TokenException e = catchThrowableOfType(TokenException.class, call);
        assertThat(e).as("expected a malformed-token exception").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
        return e;
    }

    /** signing_info header: str(appId) | issueTs | expire | salt, before the service count. */
    private static Bytes header() {
        return new Bytes().str(AGORA.appId()).u32(T0).u32(600).u32(1);
    }

    private static Bytes chatService(Bytes b, String user) {
        return b.u16(5).u16(1).u16(1).u32(600).str(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "007", "006", "008" + "eJxTYNAIsnbS3v", "hello", "007!!!!", "007 eJw=",
            "007eJxTYNAIsnbS3v/A5t2TC6feR15r", "007====", "007AAAA", "007eJw=", "007eJwDAAAAAAE=",
            "006IACgAAH4HcmEAAAAAAAAAAAA"})
    void garbageIsMalformed(String garbage) {
        assertMalformed(garbage);
    }

    @Test
    void tokenOfVersion006IsMalformed() {
        assertMalformed("006" + TOKEN.substring(3));
    }

    @Test
    void nonBase64CharactersAreMalformed() {
        assertMalformed(TOKEN.substring(0, 10) + "*" + TOKEN.substring(11));
        assertMalformed(TOKEN.substring(0, 10) + "é" + TOKEN.substring(11));
        assertMalformed(TOKEN + "\n");
        assertMalformed(TOKEN.replace('+', '-').replace('/', '_')); // URL-safe alphabet
    }

    @Test
    void unpaddedOrNonCanonicalBase64IsMalformed() {
        // Find a valid token whose base64 needs padding.
        String token = TOKEN;
        for (int i = 0; !token.endsWith("="); i++) {
            token = AccessToken2.buildUserToken(AGORA, "user" + i, T0, 600, 99);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String data = token.replaceAll("=+$", "");
        String padding = token.substring(data.length());
        char last = data.charAt(data.length() - 1);
        // The canonical encoder leaves the unused low bits of the last character zero; setting one keeps the bytes.
        String nonCanonical = data.substring(0, data.length() - 1)
                + alphabet.charAt(alphabet.indexOf(last) + 1) + padding;
        assertThat(Base64.getDecoder().decode(nonCanonical.substring(3)))
                .isEqualTo(Base64.getDecoder().decode(token.substring(3)));
        assertThat(AccessToken2.parse(token).issueTs()).isEqualTo(T0);

        assertMalformed(nonCanonical);
        assertMalformed(data); // Java's decoder accepts missing padding; Parley does not.
    }

    @Test
    void everyTruncationIsMalformed() {
        for (int length = 0; length < TOKEN.length(); length++) {
            assertMalformed(TOKEN.substring(0, length));
        }
    }

    @Test
    void truncatedContentIsMalformed() {
        byte[] content = content(TOKEN);
        for (int length = 0; length < content.length; length++) {
            assertMalformed(seal(Arrays.copyOf(content, length)));
        }
    }

    @Test
    void truncatedCompressedDataIsMalformed() {
        byte[] compressed = deflate(content(TOKEN));
        for (int length = 1; length < compressed.length; length++) {
            assertMalformed("007" + Base64.getEncoder().encodeToString(Arrays.copyOf(compressed, length)));
        }
    }

    @Test
    void trailingGarbageAfterTheContentIsMalformed() {
        byte[] content = content(TOKEN);
        assertMalformed(seal(Arrays.copyOf(content, content.length + 1)));
        assertMalformed(seal(new Bytes().raw(content).raw(new byte[] {1, 2, 3}).toByteArray()));
    }

    @Test
    void trailingGarbageAfterTheCompressedStreamIsMalformed() {
        byte[] compressed = deflate(content(TOKEN));
        byte[] withGarbage = new Bytes().raw(compressed).raw(new byte[] {0}).toByteArray();
        assertMalformed("007" + Base64.getEncoder().encodeToString(withGarbage));
        byte[] twoStreams = new Bytes().raw(compressed).raw(compressed).toByteArray();
        assertMalformed("007" + Base64.getEncoder().encodeToString(twoStreams));
    }

    @Test
    void trailingCharactersAfterTheBase64AreMalformed() {
        assertMalformed(TOKEN + "A");
        assertMalformed(TOKEN + "AAAA");
        assertMalformed(TOKEN + "=");
    }

    @Test
    void zipBombIsMalformed() {
        String bomb = seal(new byte[1 << 20]);
        assertThat(bomb.length()).isLessThan(AccessToken2.MAX_TOKEN_LENGTH);

        TokenException e = assertMalformed(() -> AccessToken2.parse(bomb));

        assertThat(e.getMessage()).contains("larger than");
    }

    @Test
    void contentJustOverTheLimitIsMalformedAndAtTheLimitIsOnlyRejectedForItsForm() {
        assertThat(assertMalformed(() -> AccessToken2.parse(seal(new byte[AccessToken2.MAX_CONTENT_LENGTH + 1])))
                .getMessage()).contains("larger than");
        assertThat(assertMalformed(() -> AccessToken2.parse(seal(new byte[AccessToken2.MAX_CONTENT_LENGTH])))
                .getMessage()).doesNotContain("larger than");
    }

    @Test
    void overlongTokenTextIsMalformed() {
        assertMalformed("007" + "A".repeat(AccessToken2.MAX_TOKEN_LENGTH));
    }

    @Test
    void lengthsPointingPastTheEndAreMalformed() {
        byte[] content = content(TOKEN);
        byte[] hugeSignatureLength = content.clone();
        hugeSignatureLength[0] = (byte) 0xFF;
        hugeSignatureLength[1] = (byte) 0xFF;
        assertMalformed(seal(hugeSignatureLength));

        byte[] hugeUserLength = content.clone();
        hugeUserLength[content.length - 5] = (byte) 0xFF; // str("leo") length, low byte
        hugeUserLength[content.length - 4] = (byte) 0xFF;
        assertMalformed(seal(hugeUserLength));

        byte[] manyServices = new Bytes().str(new byte[32]).raw(header().u16(0xFFFF).toByteArray()).toByteArray();
        assertMalformed(seal(manyServices));
        byte[] manyPrivileges = new Bytes().str(new byte[32]).raw(header().u16(1).u16(5).u16(0xFFFF).toByteArray())
                .toByteArray();
        assertMalformed(seal(manyPrivileges));
    }

    @Test
    void signatureOfTheWrongLengthIsMalformed() {
        byte[] info = chatService(header().u16(1), "leo").toByteArray();
        assertMalformed(seal(new Bytes().str(new byte[31]).raw(info).toByteArray()));
        assertMalformed(seal(new Bytes().str(new byte[33]).raw(info).toByteArray()));
        assertMalformed(seal(new Bytes().str(new byte[0]).raw(info).toByteArray()));
    }

    @Test
    void appIdThatIsNotThirtyTwoHexCharactersIsMalformed() {
        for (String appId : new String[] {"", "970CA35de60c44645bbae8a215061b3", "970CA35de60c44645bbae8a215061b33f",
                "970CA35de60c44645bbae8a215061b3g"}) {
            byte[] info = chatService(new Bytes().str(appId).u32(T0).u32(600).u32(1).u16(1), "leo").toByteArray();
            assertMalformed(signedToken(AGORA, T0, 1, info));
        }
    }

    @Test
    void userIdThatIsNotUtf8IsMalformed() {
        byte[] info = header().u16(1).u16(5).u16(1).u16(1).u32(600).str(new byte[] {'l', (byte) 0xC3})
                .toByteArray();
        assertMalformed(signedToken(AGORA, T0, 1, info));
    }

    @Test
    void unknownServiceTypeIsMalformed() {
        for (int type : new int[] {0, 3, 6, 8, 0xFFFF}) {
            byte[] info = header().u16(1).u16(type).u16(0).toByteArray();
            assertMalformed(signedToken(AGORA, T0, 1, info));
        }
    }

    @Test
    void repeatedOrDescendingServicesAreMalformed() {
        byte[] twoChats = chatService(chatService(header().u16(2), "leo"), "roy").toByteArray();
        assertMalformed(signedToken(AGORA, T0, 1, twoChats));
        byte[] descending = chatService(header().u16(2), "leo").u16(2).u16(0).str("leo").toByteArray();
        assertMalformed(signedToken(AGORA, T0, 1, descending));
    }

    @Test
    void repeatedOrDescendingPrivilegesAreMalformed() {
        byte[] repeated = header().u16(1).u16(5).u16(2).u16(1).u32(600).u16(1).u32(9999).str("leo").toByteArray();
        assertMalformed(signedToken(AGORA, T0, 1, repeated));
        byte[] descending = header().u16(1).u16(5).u16(2).u16(2).u32(600).u16(1).u32(600).str("leo").toByteArray();
        assertMalformed(signedToken(AGORA, T0, 1, descending));
    }

    @Test
    void knownNonChatServicesAreSkipped() {
        byte[] info = new Bytes().raw(header().toByteArray()).u16(5)
                .u16(1).u16(1).u16(1).u32(600).str("channel").str("12345")   // RTC
                .u16(2).u16(1).u16(1).u32(600).str("leo")                    // RTM
                .u16(4).u16(0)                                               // FPA
                .u16(5).u16(1).u16(1).u32(600).str("leo")                    // chat
                .u16(7).u16(1).u16(1).u32(600).str("room").str("user").u16(1) // APaaS
                .toByteArray();
        String token = signedToken(AGORA, T0, 1, info);

        AccessToken2 parsed = AccessToken2.parse(token);

        assertThat(parsed.userId()).isEqualTo("leo");
        assertThat(parsed.chatPrivileges()).isEqualTo(Map.of(1, 600L));
        assertThat(new TokenVerifier(AGORA, clockAt(T0), Duration.ZERO).verifyUser(token, "leo").userId())
                .isEqualTo("leo");
    }

    @Test
    void tokenWithoutAChatServiceParsesWithNoPrivileges() {
        AccessToken2 parsed = AccessToken2.parse(signedToken(AGORA, T0, 1, header().u16(0).toByteArray()));

        assertThat(parsed.chatPrivileges()).isEmpty();
        assertThat(parsed.userId()).isEmpty();
    }

    @Test
    void parsedTokenIsImmutable() {
        AccessToken2 parsed = AccessToken2.parse(TOKEN);
        parsed.signature()[0] ^= 1;
        parsed.signingInfo()[0] ^= 1;

        assertThat(parsed.signature()).isEqualTo(Arrays.copyOfRange(content(TOKEN), 2, 34));
        assertThat(parsed.signingInfo()).isEqualTo(Arrays.copyOfRange(content(TOKEN), 34, content(TOKEN).length));
        assertThat(catchThrowableOfType(UnsupportedOperationException.class,
                () -> parsed.chatPrivileges().put(2, 1L))).isNotNull();
        assertThat(parsed.toString()).contains("leo").doesNotContain(TOKEN.substring(3, 20));
    }
}
