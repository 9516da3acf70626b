package dev.parley.server.store;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void passwordHashIsSaltedAndVerifies() {
        String first = hasher.hash("correct horse".toCharArray());
        String second = hasher.hash("correct horse".toCharArray());

        assertThat(first).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(second).doesNotContain("correct horse");
        String[] parts = first.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(hasher.verify("correct horse".toCharArray(), first)).isTrue();
        assertThat(hasher.verify("correct horse".toCharArray(), second)).isTrue();
        // The iteration count is read from the encoding, so a hasher configured otherwise verifies it too.
        assertThat(new PasswordHasher(5).verify("correct horse".toCharArray(), first)).isTrue();
    }

    @Test
    void theDefaultUsesTwoHundredTenThousandIterations() {
        String encoded = new PasswordHasher().hash("pw".toCharArray());

        assertThat(encoded).startsWith("pbkdf2-sha256$210000$");
        assertThat(hasher.verify("pw".toCharArray(), encoded)).isTrue();
    }

    @Test
    void wrongPasswordAndMalformedEncodingsAreRejected() {
        String encoded = hasher.hash("secret".toCharArray());
        String[] parts = encoded.split("\\$");
        String salt = parts[2];
        String hash = parts[3];
        char[] secret = "secret".toCharArray();

        assertThat(hasher.verify("Secret".toCharArray(), encoded)).isFalse();
        assertThat(hasher.verify(new char[0], encoded)).isFalse();
        assertThat(hasher.verify(secret, "")).isFalse();
        assertThat(hasher.verify(secret, "secret")).isFalse();
        assertThat(hasher.verify(secret, "bcrypt$1000$" + salt + "$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$many$" + salt + "$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$0$" + salt + "$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$2000000000$" + salt + "$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$1000$!!!$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$1000$$" + hash)).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$1000$" + salt + "$")).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$1000$" + salt + "$" + hash.substring(0, 8))).isFalse();
        assertThat(hasher.verify(secret, encoded + "$extra")).isFalse();
        assertThat(hasher.verify(secret, "pbkdf2-sha256$1000$" + salt + "$" + flipFirstBit(hash))).isFalse();
        assertThat(hasher.verify(secret, encoded)).isTrue();
    }

    @Test
    void anEmptyPasswordHashesAndMatchesOnlyItself() {
        String encoded = hasher.hash(new char[0]);

        assertThat(hasher.verify(new char[0], encoded)).isTrue();
        assertThat(hasher.verify("x".toCharArray(), encoded)).isFalse();
    }

    private static String flipFirstBit(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[0] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
