package dev.parley.server.store;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted, slow password hashes: PBKDF2 with HMAC-SHA256, a 16-byte random salt and a 256-bit result, encoded as
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. {@link #verify} reads the iterations from the
 * encoding, so hashes made with another count keep verifying.
 * <p>
 * Threading: immutable and safe to share. Each call takes about as long as the iterations make it (a tenth of a
 * second or more at the default): call it off network selector threads, and rate-limit the callers.
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Bounds what {@link #verify} accepts, so a corrupt row cannot make it spin. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int MIN_HASH_BYTES = 16;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher with another iteration count (tests use a small one to stay fast). */
    public PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in 1.." + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
    }

    /** Hashes {@code password} with a fresh salt. The caller may clear its array afterwards. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BITS);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /**
     * Whether {@code password} is the one {@code encoded} was made from. An empty or malformed encoding (such as the
     * {@code ""} of a user who signs in only with a token) matches no password. The comparison takes constant time.
     */
    public boolean verify(char[] password, String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        int count;
        byte[] salt;
        byte[] expected;
        try {
            count = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (count < 1 || count > MAX_ITERATIONS || salt.length == 0 || expected.length < MIN_HASH_BYTES) {
            return false;
        }
        return MessageDigest.isEqual(expected, derive(password, salt, count, expected.length * 8));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
