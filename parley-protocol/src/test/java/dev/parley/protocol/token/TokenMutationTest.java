package dev.parley.protocol.token;

import static dev.parley.protocol.token.TokenTestSupport.AGORA;
import static dev.parley.protocol.token.TokenTestSupport.T0;
import static dev.parley.protocol.token.TokenTestSupport.clockAt;
import static dev.parley.protocol.token.TokenTestSupport.content;
import static dev.parley.protocol.token.TokenTestSupport.inflate;
import static dev.parley.protocol.token.TokenTestSupport.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized robustness: mutated tokens never make the parser or verifier throw anything but a TokenException, and a
 * mutation never yields a token that verifies with different content. The seed is fixed, so failures reproduce.
 */
class TokenMutationTest {
    private static final int MUTATIONS = 2_000;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    private final String token = AccessToken2.buildUserToken(AGORA, "leo", T0, 600, 4242);
    private final byte[] content = content(token);
    private final TokenVerifier verifier = new TokenVerifier(AGORA, clockAt(T0 + 1), Duration.ofSeconds(30));

    @Test
    void mutatedTokenTextNeverThrowsAnythingElseAndNeverVerifiesWithOtherContent() {
        Random random = new Random(20_240_601L);
        int verifiedUnchanged = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String mutated = mutateText(token, random);
            if (mutated.equals(token)) {
                continue;
            }
            Optional<VerifiedToken> result = tryVerify(mutated, i);
            if (result.isPresent()) {
                // Only possible when the change hit bits the decoders ignore (the padding bits that end the deflate
                // stream): the signed content is then byte for byte the original.
                assertThat(decodedContent(mutated)).as("mutation %d verified with other content", i)
                        .isEqualTo(content);
                verifiedUnchanged++;
            }
        }
        assertThat(verifiedUnchanged).isLessThan(MUTATIONS / 100);
    }

    @Test
    void mutatedContentNeverThrowsAnythingElseAndNeverVerifies() {
        Random random = new Random(4_242L);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutated = mutateBytes(content, random);
            if (Arrays.equals(mutated, content)) {
                continue;
            }
            assertThat(tryVerify(seal(mutated), i)).as("mutation %d of the content verified", i).isEmpty();
        }
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(7L);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String candidate = random.nextBoolean()
                    ? "007" + Base64.getEncoder().encodeToString(bytes)
                    : seal(bytes);
            assertThat(tryVerify(candidate, i)).isEmpty();
        }
    }

    /** Verifies; a TokenException gives empty, any other exception fails the test. */
    private Optional<VerifiedToken> tryVerify(String candidate, int index) {
        try {
            AccessToken2.parse(candidate);
        } catch (TokenException expected) {
            // fine
        } catch (RuntimeException e) {
            fail("mutation " + index + ": parse threw " + e, e);
        }
        try {
            return Optional.of(verifier.verifyUser(candidate, "leo"));
        } catch (TokenException expected) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return fail("mutation " + index + ": verifyUser threw " + e, e);
        }
    }

    private static byte[] decodedContent(String candidate) {
        return inflate(Base64.getDecoder().decode(candidate.substring(3)));
    }

    private static String mutateText(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int count = 1 + random.nextInt(3);
        for (int n = 0; n < count && !b.isEmpty(); n++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0, 1 -> b.setCharAt(at, BASE64.charAt(random.nextInt(BASE64.length())));
                case 2 -> b.deleteCharAt(at);
                case 3 -> b.insert(at, BASE64.charAt(random.nextInt(BASE64.length())));
                case 4 -> b.setLength(at);
                default -> b.setCharAt(at, (char) random.nextInt(0x3000));
            }
        }
        return b.toString();
    }

    private static byte[] mutateBytes(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0, 1 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            case 2 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            case 3 -> {
                int at = random.nextInt(bytes.length);
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                bytes = shorter;
            }
            default -> {
                int at = random.nextInt(bytes.length + 1);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            }
        }
        return bytes;
    }
}
