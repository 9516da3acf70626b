package dev.parley.protocol.token;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Shared fixtures for the token tests: credentials, fixed clocks, and a zlib/base64 codec written independently of
 * {@link AccessToken2}, so tests can open, edit and reseal token content.
 */
final class TokenTestSupport {
    /** Agora's published test credentials. */
    static final String AGORA_APP_ID = "970CA35de60c44645bbae8a215061b33";
    static final String AGORA_APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";
    static final AppCredentials AGORA = new AppCredentials(AGORA_APP_ID, AGORA_APP_CERTIFICATE);

    /** Another app, for wrong-app and wrong-certificate cases. */
    static final AppCredentials OTHER = new AppCredentials(
            "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");

    /** A fixed issue time, 2023-11-14T22:13:20Z. */
    static final long T0 = 1_700_000_000L;

    private TokenTestSupport() {
    }

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The decompressed content of a well-formed token: str(signature) | signing_info. */
    static byte[] content(String token) {
        if (!token.startsWith("007")) {
            throw new IllegalArgumentException("not a 007 token");
        }
        return inflate(Base64.getDecoder().decode(token.substring(3)));
    }

    /** A token made of arbitrary content, compressed and encoded the standard way. */
    static String seal(byte[] content) {
        return "007" + Base64.getEncoder().encodeToString(deflate(content));
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) {
                    throw new IllegalArgumentException("truncated zlib stream");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e);
        } finally {
            inflater.end();
        }
    }

    /** Little-endian writer for hand-made token content. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u16(int value) {
            out.write(value);
            out.write(value >>> 8);
            return this;
        }

        Bytes u32(long value) {
            out.write((int) value);
            out.write((int) (value >>> 8));
            out.write((int) (value >>> 16));
            out.write((int) (value >>> 24));
            return this;
        }

        Bytes str(byte[] value) {
            u16(value.length);
            out.writeBytes(value);
            return this;
        }

        Bytes str(String ascii) {
            return str(ascii.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Bytes raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** A signed token whose signing_info is given verbatim (for layouts the builder does not produce). */
    static String signedToken(AppCredentials credentials, long issueTs, long salt, byte[] signingInfo) {
        byte[] signature = AccessToken2.sign(credentials.appCertificate(), issueTs, salt, signingInfo);
        return seal(new Bytes().str(signature).raw(signingInfo).toByteArray());
    }
}
