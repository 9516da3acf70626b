package dev.parley.protocol.token;

import static dev.parley.protocol.token.TokenTestSupport.AGORA;
import static dev.parley.protocol.token.TokenTestSupport.AGORA_APP_CERTIFICATE;
import static dev.parley.protocol.token.TokenTestSupport.OTHER;
import static dev.parley.protocol.token.TokenTestSupport.T0;
import static dev.parley.protocol.token.TokenTestSupport.clockAt;
import static dev.parley.protocol.token.TokenTestSupport.content;
import static dev.parley.protocol.token.TokenTestSupport.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final long TTL = 600;

    private final TokenVerifier verifier = verifierAt(T0);

    private static TokenVerifier verifierAt(long epochSecond) {
        return new TokenVerifier(AGORA, clockAt(epochSecond), SKEW);
    }

    private static String userToken(String user) {
        return AccessToken2.buildUserToken(AGORA, user, T0, TTL, 12345);
    }

    private static String appToken() {
        return AccessToken2.buildAppToken(AGORA, T0, TTL, 12345);
    }

    /** Asserts that the call fails with a TokenException of the given reason and its error code. */
    private static TokenException assertRejected(ThrowingCallable call, Reason reason) {
        TokenException e = catchThrowableOfType(TokenException.class, call);
        assertThat(e).as("expected a TokenException with reason %s", reason).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.code()).isEqualTo(reason == Reason.EXPIRED ? ErrorCode.TOKEN_EXPIRED : ErrorCode.TOKEN_INVALID);
        assertThat(e.getMessage()).doesNotContain(AGORA_APP_CERTIFICATE);
        return e;
    }

    // --- round trips ------------------------------------------------------------------------------------------------

    @Test
    void userTokenBuiltWithAClockVerifiesForItsUser() {
        String token = AccessToken2.buildUserToken(AGORA, "leo", Duration.ofMinutes(10), clockAt(T0));

        VerifiedToken verified = verifier.verifyUser(token, "leo");

        assertThat(verified).isEqualTo(new VerifiedToken("leo", Instant.ofEpochSecond(T0),
                Instant.ofEpochSecond(T0 + 600)));
        AccessToken2 parsed = AccessToken2.parse(token);
        assertThat(parsed.salt()).isBetween(1L, 99_999_999L);
        assertThat(parsed.userId()).isEqualTo("leo");
    }

    @Test
    void appTokenBuiltWithAClockVerifiesAsAppToken() {
        String token = AccessToken2.buildAppToken(AGORA, Duration.ofHours(1), clockAt(T0));

        VerifiedToken verified = verifier.verifyApp(token);

        assertThat(verified).isEqualTo(new VerifiedToken("", Instant.ofEpochSecond(T0),
                Instant.ofEpochSecond(T0 + 3600)));
        assertThat(AccessToken2.parse(token).chatPrivileges()).isEqualTo(Map.of(2, 3600L));
    }

    @Test
    void userIdIsComparedCaseInsensitivelyAndReturnedLowercase() {
        String token = userToken("Leo");

        assertThat(verifier.verifyUser(token, "leo").userId()).isEqualTo("leo");
        assertThat(verifier.verifyUser(token, "LEO").userId()).isEqualTo("leo");
        assertThat(verifier.verifyUser(token).userId()).isEqualTo("leo");
        assertThat(AccessToken2.parse(token).userId()).isEqualTo("Leo");
    }

    @Test
    void appIdIsComparedIgnoringHexCase() {
        var upper = new AppCredentials(AGORA.appId().toUpperCase(), AGORA.appCertificate());

        assertThat(new TokenVerifier(upper, clockAt(T0), SKEW).verifyUser(userToken("leo")).userId())
                .isEqualTo("leo");
    }

    @Test
    void randomSaltsDifferBetweenTokens() {
        String a = AccessToken2.buildUserToken(AGORA, "leo", Duration.ofMinutes(10), clockAt(T0));
        String b = AccessToken2.buildUserToken(AGORA, "leo", Duration.ofMinutes(10), clockAt(T0));

        assertThat(AccessToken2.parse(a).salt()).isNotEqualTo(AccessToken2.parse(b).salt());
    }

    @Test
    void shorterPrivilegeExpireLimitsTheLifetime() {
        String token = AccessToken2.build(AGORA, T0, 600, 7, new TreeMap<>(Map.of(1, 60L)), "leo");

        assertThat(verifier.verifyUser(token).expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 60));
        assertRejected(() -> verifierAt(T0 + 60).verifyUser(token), Reason.EXPIRED);
    }

    // --- rejections -------------------------------------------------------------------------------------------------

    @Test
    void signatureMadeWithAnotherCertificateIsRejected() {
        var sameAppOtherCertificate = new AppCredentials(AGORA.appId(), OTHER.appCertificate());
        String token = AccessToken2.buildUserToken(sameAppOtherCertificate, "leo", T0, TTL, 1);

        assertRejected(() -> verifier.verifyUser(token, "leo"), Reason.BAD_SIGNATURE);
    }

    @Test
    void tokenForAnotherAppIsRejected() {
        String token = AccessToken2.buildUserToken(OTHER, "leo", T0, TTL, 1);

        assertRejected(() -> verifier.verifyUser(token, "leo"), Reason.WRONG_APP);
    }

    @Test
    void tokenForAnotherUserIsRejected() {
        assertRejected(() -> verifier.verifyUser(userToken("roy"), "leo"), Reason.WRONG_USER);
    }

    @Test
    void appTokenIsNotAUserToken() {
        assertRejected(() -> verifier.verifyUser(appToken(), "leo"), Reason.NOT_A_USER_TOKEN);
        assertRejected(() -> verifier.verifyUser(appToken()), Reason.NOT_A_USER_TOKEN);
    }

    @Test
    void userTokenIsNotAnAppToken() {
        assertRejected(() -> verifier.verifyApp(userToken("leo")), Reason.NOT_AN_APP_TOKEN);
    }

    @Test
    void userPrivilegeWithoutAUserIdIsNotAUserToken() {
        String token = AccessToken2.build(AGORA, T0, TTL, 1, new TreeMap<>(Map.of(1, TTL)), "");

        assertRejected(() -> verifier.verifyUser(token), Reason.NOT_A_USER_TOKEN);
    }

    @Test
    void tokenWithoutChatServiceIsNotAUserToken() {
        byte[] info = new TokenTestSupport.Bytes().str(AGORA.appId()).u32(T0).u32(TTL).u32(1).u16(0).toByteArray();
        String token = TokenTestSupport.signedToken(AGORA, T0, 1, info);

        assertRejected(() -> verifier.verifyUser(token), Reason.NOT_A_USER_TOKEN);
        assertRejected(() -> verifier.verifyApp(token), Reason.NOT_AN_APP_TOKEN);
    }

    @Test
    void tokenIsValidUntilJustBeforeExpiryAndExpiredFromExpiryOn() {
        String token = userToken("leo");

        assertThat(verifierAt(T0 + TTL - 1).verifyUser(token, "leo").expiresAt())
                .isEqualTo(Instant.ofEpochSecond(T0 + TTL));
        assertRejected(() -> verifierAt(T0 + TTL).verifyUser(token, "leo"), Reason.EXPIRED);
        assertRejected(() -> verifierAt(T0 + TTL + 1).verifyUser(token, "leo"), Reason.EXPIRED);
        assertRejected(() -> verifierAt(T0 + 100 * TTL).verifyApp(appToken()), Reason.EXPIRED);
        var justBefore = new TokenVerifier(AGORA,
                java.time.Clock.fixed(Instant.ofEpochSecond(T0 + TTL).minusNanos(1), java.time.ZoneOffset.UTC), SKEW);
        assertThat(justBefore.verifyUser(token).userId()).isEqualTo("leo");
    }

    @Test
    void zeroExpireMeansNoLifetimeAndIsRejectedAsExpired() {
        String zeroTokenExpire = AccessToken2.build(AGORA, T0, 0, 1, new TreeMap<>(Map.of(1, TTL)), "leo");
        String zeroPrivilegeExpire = AccessToken2.build(AGORA, T0, TTL, 1, new TreeMap<>(Map.of(1, 0L)), "leo");

        assertRejected(() -> verifier.verifyUser(zeroTokenExpire, "leo"), Reason.EXPIRED);
        assertRejected(() -> verifier.verifyUser(zeroPrivilegeExpire, "leo"), Reason.EXPIRED);
    }

    @Test
    void tokenIssuedFurtherInTheFutureThanTheSkewIsNotYetValid() {
        String token = userToken("leo");

        assertThat(verifierAt(T0 - SKEW.toSeconds()).verifyUser(token, "leo").userId()).isEqualTo("leo");
        assertRejected(() -> verifierAt(T0 - SKEW.toSeconds() - 1).verifyUser(token, "leo"), Reason.NOT_YET_VALID);
        var noSkew = new TokenVerifier(AGORA, clockAt(T0 - 1), Duration.ZERO);
        assertRejected(() -> noSkew.verifyUser(token, "leo"), Reason.NOT_YET_VALID);
    }

    @Test
    void changedSignedByteIsABadSignature() {
        byte[] content = content(userToken("leo"));
        content[content.length - 1] ^= 0x01; // last byte of the user id: "leo" -> "len"

        assertRejected(() -> verifier.verifyUser(seal(content)), Reason.BAD_SIGNATURE);
    }

    @Test
    void changedExpireIsABadSignature() {
        byte[] content = content(userToken("leo"));
        int expireOffset = 2 + 32 + 2 + 32 + 4;
        content[expireOffset + 1] ^= 0x7F; // a much longer lifetime

        assertRejected(() -> verifierAt(T0 + TTL).verifyUser(seal(content)), Reason.BAD_SIGNATURE);
    }

    @Test
    void changedSignatureByteIsABadSignature() {
        byte[] content = content(userToken("leo"));
        content[2 + 31] ^= (byte) 0x80;

        assertRejected(() -> verifier.verifyUser(seal(content), "leo"), Reason.BAD_SIGNATURE);
    }

    @Test
    void changedBase64CharacterIsMalformedOrABadSignature() {
        String token = userToken("leo");
        for (int i = 3; i < token.length() - 2; i += 7) {
            char[] chars = token.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            String mutated = new String(chars);

            TokenException e = catchThrowableOfType(TokenException.class, () -> verifier.verifyUser(mutated, "leo"));

            assertThat(e).as("mutation at %d", i).isNotNull();
            assertThat(e.reason()).as("mutation at %d", i).isIn(Reason.MALFORMED, Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // Wrong app beats bad signature: another app's token signed with another certificate.
        assertRejected(() -> verifier.verifyUser(AccessToken2.buildUserToken(OTHER, "roy", T0 + 9999, 0, 1), "leo"),
                Reason.WRONG_APP);
        // Bad signature beats kind, user and time.
        var forged = new AppCredentials(AGORA.appId(), OTHER.appCertificate());
        assertRejected(() -> verifier.verifyUser(AccessToken2.buildAppToken(forged, T0 + 9999, 0, 1), "leo"),
                Reason.BAD_SIGNATURE);
        // Kind beats user and time.
        assertRejected(() -> verifier.verifyUser(AccessToken2.buildAppToken(AGORA, T0 + 9999, 0, 1), "leo"),
                Reason.NOT_A_USER_TOKEN);
        // User beats time.
        assertRejected(() -> verifier.verifyUser(AccessToken2.buildUserToken(AGORA, "roy", T0 + 9999, 0, 1), "leo"),
                Reason.WRONG_USER);
        // Not yet valid beats expired.
        assertRejected(() -> verifier.verifyUser(AccessToken2.buildUserToken(AGORA, "leo", T0 + 9999, 0, 1), "leo"),
                Reason.NOT_YET_VALID);
    }

    @Test
    void messagesNeverContainTheTokenOrTheCertificate() {
        String token = userToken("leo");
        byte[] content = content(token);
        content[content.length - 2] ^= 0x04;
        String tampered = seal(content);
        for (ThrowingCallable call : new ThrowingCallable[] {
                () -> verifier.verifyUser(token, "roy"),
                () -> verifierAt(T0 + TTL).verifyUser(token),
                () -> verifier.verifyApp(token),
                () -> new TokenVerifier(OTHER, clockAt(T0), SKEW).verifyUser(token),
                () -> verifier.verifyUser(tampered),
                () -> verifier.verifyUser(token.substring(0, 40))}) {
            TokenException e = catchThrowableOfType(TokenException.class, call);
            assertThat(e.getMessage()).doesNotContain(token.substring(3, 20), AGORA_APP_CERTIFICATE,
                    OTHER.appCertificate(), tampered.substring(3, 20));
        }
    }

    @Test
    void negativeSkewIsRefused() {
        assertThatThrownBy(() -> new TokenVerifier(AGORA, clockAt(T0), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildingRefusesValuesThatCannotBeEncoded() {
        assertThatThrownBy(() -> AccessToken2.buildUserToken(AGORA, "", Duration.ofMinutes(1), clockAt(T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessToken2.buildUserToken(AGORA, "leo", Duration.ofMillis(999), clockAt(T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessToken2.buildAppToken(AGORA, Duration.ofSeconds(1L << 32), clockAt(T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessToken2.buildAppToken(AGORA, Duration.ofMinutes(1), clockAt(1L << 32)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessToken2.buildUserToken(AGORA, "x".repeat(65_536), Duration.ofMinutes(1),
                clockAt(T0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiUserIdsSurviveARoundTrip() {
        String token = AccessToken2.buildUserToken(AGORA, "Ünïcødé", Duration.ofMinutes(1), clockAt(T0));

        assertThat(verifier.verifyUser(token, "ünïcødé").userId()).isEqualTo("ünïcødé");
        assertThat(content(token)).endsWith("Ünïcødé".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenExceptionCodeFollowsTheReason() {
        for (Reason reason : Reason.values()) {
            var e = new TokenException(reason, "x");
            assertThat(e.code()).as(reason.name())
                    .isEqualTo(reason == Reason.EXPIRED ? ErrorCode.TOKEN_EXPIRED : ErrorCode.TOKEN_INVALID);
            assertThat(e).isInstanceOf(dev.parley.protocol.ProtocolException.class);
        }
    }
}
