package dev.parley.protocol.token;

import static dev.parley.protocol.token.TokenTestSupport.AGORA;
import static dev.parley.protocol.token.TokenTestSupport.AGORA_APP_CERTIFICATE;
import static dev.parley.protocol.token.TokenTestSupport.AGORA_APP_ID;
import static dev.parley.protocol.token.TokenTestSupport.clockAt;
import static dev.parley.protocol.token.TokenTestSupport.content;
import static dev.parley.protocol.token.TokenTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.agora.media.Utils;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agora's published AccessToken2 chat test vector (from the tests of Agora's Java token builder). */
class AgoraTestVectorTest {
    private static final long ISSUE_TS = 1_111_111;
    private static final long EXPIRE = 600;
    private static final long SALT = 1;
    private static final String USER = "2882341273";

    /** Verified against io.agora.media.AccessToken2 in {@link #signatureEqualsTheOneAgorasJavaBuilderProduces()}. */
    private static final String SIGNATURE_HEX = "28523b422bbfe03ceee4d0caef59d686fe2518eb70077dda27cdfcd448ff64ae";

    /** The token string in Agora's own test suite for these inputs (its zlib output; others may differ). */
    private static final String AGORA_PUBLISHED_TOKEN = "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2"
            + "NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg=";

    private static String vectorToken() {
        return AccessToken2.buildUserToken(AGORA, USER, ISSUE_TS, EXPIRE, SALT);
    }

    @Test
    void decompressedContentHasThePublishedLayout() {
        byte[] content = content(vectorToken());

        byte[] expected = new TokenTestSupport.Bytes()
                .raw(hex("2000"))
                .raw(hex(SIGNATURE_HEX))
                .raw(hex("2000"))
                .raw(AGORA_APP_ID.getBytes(StandardCharsets.US_ASCII))
                .raw(hex("47f41000 58020000 01000000 0100 0500 0100 0100 58020000 0a00"))
                .raw(USER.getBytes(StandardCharsets.US_ASCII))
                .toByteArray();
        assertThat(hex(content)).isEqualTo(hex(expected));
        // The layout around the signature, independent of its value.
        assertThat(Arrays.copyOfRange(content, 0, 2)).isEqualTo(hex("2000"));
        assertThat(Arrays.copyOfRange(content, 34, content.length))
                .isEqualTo(Arrays.copyOfRange(expected, 34, expected.length));
    }

    @Test
    void signatureEqualsTheOneAgorasJavaBuilderProduces() throws Exception {
        var agora = new io.agora.media.AccessToken2(AGORA_APP_ID, AGORA_APP_CERTIFICATE, (int) EXPIRE);
        agora.issueTs = (int) ISSUE_TS;
        agora.salt = (int) SALT;
        var chat = new io.agora.media.AccessToken2.ServiceChat(USER);
        chat.addPrivilegeChat(io.agora.media.AccessToken2.PrivilegeChat.PRIVILEGE_CHAT_USER, (int) EXPIRE);
        agora.addService(chat);
        byte[] agoraContent = Utils.decompress(Utils.base64Decode(agora.build().substring(3)));

        AccessToken2 parley = AccessToken2.parse(vectorToken());

        assertThat(hex(parley.signature())).isEqualTo(hex(Arrays.copyOfRange(agoraContent, 2, 34)))
                .isEqualTo(SIGNATURE_HEX);
        assertThat(content(vectorToken())).isEqualTo(agoraContent);
    }

    @Test
    void parsesTheVectorIntoItsFields() {
        AccessToken2 token = AccessToken2.parse(vectorToken());

        assertThat(token.appId()).isEqualTo(AGORA_APP_ID);
        assertThat(token.issueTs()).isEqualTo(ISSUE_TS);
        assertThat(token.issuedAt()).isEqualTo(Instant.ofEpochSecond(ISSUE_TS));
        assertThat(token.expireSeconds()).isEqualTo(EXPIRE);
        assertThat(token.salt()).isEqualTo(SALT);
        assertThat(token.chatPrivileges()).isEqualTo(Map.of(AccessToken2.CHAT_USER_PRIVILEGE, EXPIRE));
        assertThat(token.userId()).isEqualTo(USER);
        assertThat(token.signingInfo()).isEqualTo(Arrays.copyOfRange(content(vectorToken()), 34,
                content(vectorToken()).length));
    }

    @Test
    void agorasPublishedTokenStringVerifiesWhileValid() {
        var verifier = new TokenVerifier(AGORA, clockAt(ISSUE_TS + 599), Duration.ZERO);

        VerifiedToken verified = verifier.verifyUser(AGORA_PUBLISHED_TOKEN, USER);

        assertThat(verified).isEqualTo(new VerifiedToken(USER, Instant.ofEpochSecond(ISSUE_TS),
                Instant.ofEpochSecond(ISSUE_TS + EXPIRE)));
        assertThat(content(AGORA_PUBLISHED_TOKEN)).isEqualTo(content(vectorToken()));
    }
}
