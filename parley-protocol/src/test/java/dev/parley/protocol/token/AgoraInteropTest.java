package dev.parley.protocol.token;

import static dev.parley.protocol.token.TokenTestSupport.AGORA;
import static dev.parley.protocol.token.TokenTestSupport.AGORA_APP_CERTIFICATE;
import static dev.parley.protocol.token.TokenTestSupport.AGORA_APP_ID;
import static dev.parley.protocol.token.TokenTestSupport.T0;
import static dev.parley.protocol.token.TokenTestSupport.clockAt;
import static dev.parley.protocol.token.TokenTestSupport.content;
import static org.assertj.core.api.Assertions.assertThat;

import io.agora.chat.ChatTokenBuilder2;
import io.agora.media.AccessToken2.PrivilegeChat;
import io.agora.media.AccessToken2.PrivilegeRtc;
import io.agora.media.AccessToken2.ServiceChat;
import io.agora.media.AccessToken2.ServiceRtc;
import io.agora.media.AccessToken2.ServiceRtm;
import io.agora.media.Utils;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks with Agora's Java token builder (io.agora:authentication). Token strings are never compared, because
 * zlib output may differ between builders: decompressed bytes and signatures are.
 */
class AgoraInteropTest {
    private static final AppCredentials RANDOM_APP = AppCredentials.generate(new SecureRandom());

    /** A verifier whose clock stands a few seconds after the token's own issue time (Agora stamps the real time). */
    private static TokenVerifier verifierShortlyAfterIssue(AppCredentials credentials, String token) {
        return new TokenVerifier(credentials, clockAt(AccessToken2.parse(token).issueTs() + 5), Duration.ZERO);
    }

    private static byte[] agoraContent(String token) {
        return Utils.decompress(Utils.base64Decode(token.substring(3)));
    }

    @Test
    void agoraUserTokenVerifiesInParley() {
        String token = new ChatTokenBuilder2().buildUserToken(AGORA_APP_ID, AGORA_APP_CERTIFICATE, "Leo", 3600);

        VerifiedToken verified = verifierShortlyAfterIssue(AGORA, token).verifyUser(token, "leo");

        assertThat(verified.userId()).isEqualTo("leo");
        assertThat(Duration.between(verified.issuedAt(), verified.expiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void agoraAppTokenVerifiesInParley() {
        String token = new ChatTokenBuilder2().buildAppToken(RANDOM_APP.appId(), RANDOM_APP.appCertificate(), 600);

        VerifiedToken verified = verifierShortlyAfterIssue(RANDOM_APP, token).verifyApp(token);

        assertThat(verified.userId()).isEmpty();
        assertThat(Duration.between(verified.issuedAt(), verified.expiresAt())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void agoraTokenContentEqualsParleyContentForTheSameInputs() {
        String agoraToken = new ChatTokenBuilder2().buildUserToken(AGORA_APP_ID, AGORA_APP_CERTIFICATE, "roy", 900);
        AccessToken2 parsed = AccessToken2.parse(agoraToken);

        String parleyToken = AccessToken2.buildUserToken(AGORA, "roy", parsed.issueTs(), 900, parsed.salt());

        assertThat(content(parleyToken)).isEqualTo(agoraContent(agoraToken));
    }

    @Test
    void agoraTokenWithANegativeSaltVerifiesInParley() throws Exception {
        // Agora's Java builder draws the salt from SecureRandom.nextInt(), so half of its tokens carry a salt that
        // is negative as an int; on the wire it is an unsigned 32-bit value.
        var agora = new io.agora.media.AccessToken2(AGORA_APP_ID, AGORA_APP_CERTIFICATE, 600);
        agora.issueTs = (int) T0;
        agora.salt = -5;
        var chat = new ServiceChat("leo");
        chat.addPrivilegeChat(PrivilegeChat.PRIVILEGE_CHAT_USER, 600);
        agora.addService(chat);
        String token = agora.build();

        assertThat(AccessToken2.parse(token).salt()).isEqualTo(0xFFFF_FFFBL);
        assertThat(new TokenVerifier(AGORA, clockAt(T0), Duration.ZERO).verifyUser(token, "leo").userId())
                .isEqualTo("leo");
        assertThat(content(AccessToken2.buildUserToken(AGORA, "leo", T0, 600, 0xFFFF_FFFBL)))
                .isEqualTo(agoraContent(token));
    }

    @Test
    void agoraTokenWithRtcAndRtmServicesBesideChatVerifiesInParley() throws Exception {
        var agora = new io.agora.media.AccessToken2(AGORA_APP_ID, AGORA_APP_CERTIFICATE, 600);
        agora.issueTs = (int) T0;
        agora.salt = 42;
        var rtc = new ServiceRtc("channel", "12345");
        rtc.addPrivilegeRtc(PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL, 600);
        var rtm = new ServiceRtm("leo");
        var chat = new ServiceChat("leo");
        chat.addPrivilegeChat(PrivilegeChat.PRIVILEGE_CHAT_USER, 300);
        agora.addService(rtc);
        agora.addService(rtm);
        agora.addService(chat);
        String token = agora.build();

        VerifiedToken verified = new TokenVerifier(AGORA, clockAt(T0), Duration.ZERO).verifyUser(token, "leo");

        assertThat(verified.expiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 300));
    }

    @Test
    void parleyUserTokenParsesInAgoraAndAgoraReproducesItsSignature() throws Exception {
        String token = AccessToken2.buildUserToken(RANDOM_APP, "Leo", Duration.ofMinutes(30), clockAt(T0));
        AccessToken2 parley = AccessToken2.parse(token);

        var agora = new io.agora.media.AccessToken2();
        assertThat(agora.parse(token)).isTrue();

        assertThat(agora.appId).isEqualTo(RANDOM_APP.appId());
        assertThat(agora.issueTs).isEqualTo((int) T0);
        assertThat(agora.expire).isEqualTo(1800);
        assertThat(Integer.toUnsignedLong(agora.salt)).isEqualTo(parley.salt());
        var chat = (ServiceChat) agora.services.get(io.agora.media.AccessToken2.SERVICE_TYPE_CHAT);
        assertThat(chat.getUserId()).isEqualTo("Leo");
        assertThat(chat.getPrivileges()).isEqualTo(new TreeMap<>(Map.of((short) 1, 1800)));

        // Agora's parse drops the signature; re-signing the parsed fields with the certificate must reproduce it.
        agora.appCert = RANDOM_APP.appCertificate();
        assertThat(agoraContent(agora.build())).isEqualTo(content(token));
    }

    @Test
    void parleyAppTokenParsesInAgoraAndAgoraReproducesItsSignature() throws Exception {
        String token = AccessToken2.buildAppToken(RANDOM_APP, Duration.ofHours(24), clockAt(T0));

        var agora = new io.agora.media.AccessToken2();
        assertThat(agora.parse(token)).isTrue();

        var chat = (ServiceChat) agora.services.get(io.agora.media.AccessToken2.SERVICE_TYPE_CHAT);
        assertThat(chat.getUserId()).isEmpty();
        assertThat(chat.getPrivileges()).isEqualTo(new TreeMap<>(Map.of((short) 2, 86_400)));
        agora.appCert = RANDOM_APP.appCertificate();
        assertThat(agoraContent(agora.build())).isEqualTo(content(token));
    }

    @Test
    void parleyTokenSignatureEqualsAgorasSigningKeyApplied() throws Exception {
        // Agora's getSign() returns the signing key k2, not the signature; HMAC(k2, signing_info) is the signature.
        String token = AccessToken2.buildUserToken(AGORA, "leo", T0, 600, 77);
        AccessToken2 parsed = AccessToken2.parse(token);
        var agora = new io.agora.media.AccessToken2();
        agora.parse(token);
        agora.appCert = AGORA_APP_CERTIFICATE;

        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(agora.getSign(), "HmacSHA256"));

        assertThat(mac.doFinal(parsed.signingInfo())).isEqualTo(parsed.signature());
    }
}
