package dev.parley.protocol.token;

import dev.parley.protocol.token.TokenException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Agora AccessToken2 ("007…") token, parsed, and the factory methods that build chat tokens.
 * <p>
 * The format (all integers little-endian, {@code str(b)} = u16 length then the bytes):
 * <pre>
 * signing_info = str(appId) | u32 issueTs | u32 expire | u32 salt | u16 serviceCount | services ascending by type
 * chat service = u16 5 | u16 privilegeCount | (u16 privilege | u32 expire)* ascending | str(userId)
 * k1    = HMAC-SHA256(key = u32(issueTs), message = appCertificate as ASCII)
 * k2    = HMAC-SHA256(key = u32(salt), message = k1)
 * sig   = HMAC-SHA256(key = k2, message = signing_info)
 * token = "007" + base64 (standard, padded) of zlib-deflate( str(sig) | signing_info )
 * </pre>
 * {@code issueTs} is in Unix seconds; {@code expire} and each privilege's value are seconds after {@code issueTs}.
 * <p>
 * {@link #parse(String)} only decodes the structure; it does not check the signature, the app or the time. Use
 * {@link TokenVerifier} for that. Instances are immutable.
 */
public final class AccessToken2 {
    /** The version prefix of every AccessToken2 token. */
    public static final String VERSION = "007";
    /** The service type of Agora Chat. */
    public static final int CHAT_SERVICE = 5;
    /** The chat privilege of a user token. */
    public static final int CHAT_USER_PRIVILEGE = 1;
    /** The chat privilege of an app token. */
    public static final int CHAT_APP_PRIVILEGE = 2;

    /** Longest token text {@link #parse} looks at; real chat tokens are about 200 characters. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** Largest decompressed content {@link #parse} accepts, against zip bombs. */
    static final int MAX_CONTENT_LENGTH = 64 * 1024;
    static final int SIGNATURE_LENGTH = 32;
    /** Salts are drawn from 1..99999999, as Agora's Node, Go and Python builders do. */
    static final int MAX_SALT = 99_999_999;
    static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final int MAX_U16 = 0xFFFF;

    /*
     * Other Agora services that may share a token with chat. Their layouts are the common privilege map followed by
     * the given number of strings and fixed bytes; knowing them lets parse skip them. Services of any other type
     * cannot be skipped (the format has no length prefix), so such tokens are malformed.
     */
    private static final int RTC_SERVICE = 1;      // str(channelName) | str(uid)
    private static final int RTM_SERVICE = 2;      // str(userId)
    private static final int FPA_SERVICE = 4;      // nothing
    private static final int APAAS_SERVICE = 7;    // str(roomUuid) | str(userUuid) | u16 role

    private static final SecureRandom SALT_RANDOM = new SecureRandom();

    private final String appId;
    private final long issueTs;
    private final long expireSeconds;
    private final long salt;
    private final SortedMap<Integer, Long> chatPrivileges;
    private final String userId;
    private final byte[] signature;
    private final byte[] signingInfo;

    private AccessToken2(String appId, long issueTs, long expireSeconds, long salt,
                         SortedMap<Integer, Long> chatPrivileges, String userId, byte[] signature, byte[] signingInfo) {
        this.appId = appId;
        this.issueTs = issueTs;
        this.expireSeconds = expireSeconds;
        this.salt = salt;
        this.chatPrivileges = Collections.unmodifiableSortedMap(chatPrivileges);
        this.userId = userId;
        this.signature = signature;
        this.signingInfo = signingInfo;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Building

    /**
     * Builds a chat user token for {@code userId}, issued now, valid for {@code ttl}, with a random salt. The user
     * privilege expires together with the token.
     *
     * @param credentials the app's credentials
     * @param userId      the user, as the app knows it (non-empty, at most 65535 UTF-8 bytes); kept as given, and
     *                    compared case-insensitively on verification
     * @param ttl         the lifetime, whole seconds (a fraction is dropped), between 1 second and 2^32-1 seconds
     * @param clock       the source of the issue time
     * @return the token text
     * @throws IllegalArgumentException if the user id, the ttl or the clock's time cannot be encoded
     */
    public static String buildUserToken(AppCredentials credentials, String userId, Duration ttl, Clock clock) {
        Objects.requireNonNull(userId, "userId");
        return buildUserToken(credentials, userId, issueTs(clock), ttlSeconds(ttl), randomSalt());
    }

    /**
     * Builds a chat app token, issued now, valid for {@code ttl}, with a random salt. The app privilege expires
     * together with the token.
     *
     * @param credentials the app's credentials
     * @param ttl         the lifetime, whole seconds (a fraction is dropped), between 1 second and 2^32-1 seconds
     * @param clock       the source of the issue time
     * @return the token text
     * @throws IllegalArgumentException if the ttl or the clock's time cannot be encoded
     */
    public static String buildAppToken(AppCredentials credentials, Duration ttl, Clock clock) {
        return buildAppToken(credentials, issueTs(clock), ttlSeconds(ttl), randomSalt());
    }

    /** A user token with explicit issue time and salt (deterministic, for test vectors). */
    static String buildUserToken(AppCredentials credentials, String userId, long issueTs, long expireSeconds,
                                 long salt) {
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("userId must not be empty");
        }
        return build(credentials, issueTs, expireSeconds, salt,
                new TreeMap<>(Map.of(CHAT_USER_PRIVILEGE, expireSeconds)), userId);
    }

    /** An app token with explicit issue time and salt (deterministic, for test vectors). */
    static String buildAppToken(AppCredentials credentials, long issueTs, long expireSeconds, long salt) {
        return build(credentials, issueTs, expireSeconds, salt,
                new TreeMap<>(Map.of(CHAT_APP_PRIVILEGE, expireSeconds)), "");
    }

    /**
     * A token with one chat service holding the given privileges (privilege → expire seconds) and user id. Everything
     * is explicit, so tests can also build unusual tokens (an expire of 0, privileges that outlive the token).
     */
    static String build(AppCredentials credentials, long issueTs, long expireSeconds, long salt,
                        SortedMap<Integer, Long> privileges, String userId) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(privileges, "privileges");
        Objects.requireNonNull(userId, "userId");
        byte[] info = signingInfo(credentials.appId(), issueTs, expireSeconds, salt, privileges, userId);
        byte[] sig = sign(credentials.appCertificate(), issueTs, salt, info);
        Writer content = new Writer();
        content.str(sig);
        content.raw(info);
        return VERSION + Base64.getEncoder().encodeToString(deflate(content.toByteArray()));
    }

    /** The signing_info of a token with a single chat service. */
    static byte[] signingInfo(String appId, long issueTs, long expireSeconds, long salt,
                              SortedMap<Integer, Long> privileges, String userId) {
        requireU32("issueTs", issueTs);
        requireU32("expireSeconds", expireSeconds);
        requireU32("salt", salt);
        if (privileges.size() > MAX_U16) {
            throw new IllegalArgumentException("too many privileges");
        }
        Writer w = new Writer();
        w.str(appId.getBytes(StandardCharsets.US_ASCII));
        w.u32(issueTs);
        w.u32(expireSeconds);
        w.u32(salt);
        w.u16(1);
        w.u16(CHAT_SERVICE);
        w.u16(privileges.size());
        privileges.forEach((privilege, expire) -> {
            if (privilege < 0 || privilege > MAX_U16) {
                throw new IllegalArgumentException("privilege must be between 0 and 65535");
            }
            requireU32("privilege expire", expire);
            w.u16(privilege);
            w.u32(expire);
        });
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        if (user.length > MAX_U16) {
            throw new IllegalArgumentException("userId must be at most 65535 bytes in UTF-8");
        }
        w.str(user);
        return w.toByteArray();
    }

    /** The AccessToken2 signature of {@code signingInfo}. */
    static byte[] sign(String appCertificate, long issueTs, long salt, byte[] signingInfo) {
        byte[] k1 = hmacSha256(u32le(issueTs), appCertificate.getBytes(StandardCharsets.US_ASCII));
        byte[] k2 = hmacSha256(u32le(salt), k1);
        return hmacSha256(k2, signingInfo);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parsing

    /**
     * Decodes a token's structure. This checks only the form (the "007" prefix, canonical padded base64, a complete
     * zlib stream of at most 64 KiB, a 32-byte signature, a 32-hex-character app id, well-formed services in
     * ascending order and no trailing bytes), not the signature, app, user or time: see {@link TokenVerifier}.
     *
     * @param token the token text
     * @return the decoded token
     * @throws TokenException with {@link Reason#MALFORMED} if the token is not a well-formed AccessToken2 (and never
     *                        any other exception for a non-null argument)
     */
    public static AccessToken2 parse(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw malformed("token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!token.startsWith(VERSION)) {
            throw malformed("token is not an AccessToken2 (version " + VERSION + ") token");
        }
        String body = token.substring(VERSION.length());
        if (body.isEmpty()) {
            throw malformed("token has no content");
        }
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw malformed("token is not valid base64");
        }
        // Java's decoder accepts missing padding and ignores the unused bits of the last character; insisting on the
        // canonical form makes each token's content have exactly one spelling.
        if (!Base64.getEncoder().encodeToString(compressed).equals(body)) {
            throw malformed("token is not canonical padded base64");
        }
        return decode(inflate(compressed));
    }

    private static AccessToken2 decode(byte[] content) {
        Reader r = new Reader(content);
        byte[] signature = r.str();
        if (signature.length != SIGNATURE_LENGTH) {
            throw malformed("token signature is not " + SIGNATURE_LENGTH + " bytes");
        }
        int signingStart = r.position();
        String appId = new String(r.str(), StandardCharsets.ISO_8859_1);
        if (!AppCredentials.isHex32(appId)) {
            throw malformed("token app id is not 32 hexadecimal characters");
        }
        long issueTs = r.u32();
        long expire = r.u32();
        long salt = r.u32();
        int serviceCount = r.u16();
        SortedMap<Integer, Long> chatPrivileges = new TreeMap<>();
        String userId = "";
        int previousType = -1;
        for (int i = 0; i < serviceCount; i++) {
            int type = r.u16();
            if (type <= previousType) {
                throw malformed("token services are repeated or not in ascending order");
            }
            previousType = type;
            SortedMap<Integer, Long> privileges = readPrivileges(r);
            switch (type) {
                case CHAT_SERVICE -> {
                    chatPrivileges = privileges;
                    userId = utf8(r.str());
                }
                case RTC_SERVICE -> r.skipStrings(2);
                case RTM_SERVICE -> r.skipStrings(1);
                case FPA_SERVICE -> r.skipStrings(0);
                case APAAS_SERVICE -> {
                    r.skipStrings(2);
                    r.u16();
                }
                default -> throw malformed("token has a service of unknown type " + type);
            }
        }
        if (r.remaining() != 0) {
            throw malformed("token has trailing data");
        }
        return new AccessToken2(appId, issueTs, expire, salt, chatPrivileges, userId, signature,
                Arrays.copyOfRange(content, signingStart, content.length));
    }

    private static SortedMap<Integer, Long> readPrivileges(Reader r) {
        int count = r.u16();
        SortedMap<Integer, Long> privileges = new TreeMap<>();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int privilege = r.u16();
            if (privilege <= previous) {
                throw malformed("token privileges are repeated or not in ascending order");
            }
            previous = privilege;
            privileges.put(privilege, r.u32());
        }
        return privileges;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("token user id is not valid UTF-8");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accessors

    /** The app id the token was issued for, as written in the token (32 hexadecimal characters). */
    public String appId() {
        return appId;
    }

    /** When the token was issued, in Unix seconds (0 to 2^32-1). */
    public long issueTs() {
        return issueTs;
    }

    /** When the token was issued. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(issueTs);
    }

    /** The token's lifetime in seconds after {@link #issueTs()}; 0 means none. */
    public long expireSeconds() {
        return expireSeconds;
    }

    /** The salt, read as an unsigned 32-bit number (Agora's Java builder uses any int, so any value occurs). */
    public long salt() {
        return salt;
    }

    /**
     * The chat service's privileges, privilege → expire seconds after {@link #issueTs()}, ascending; empty if the
     * token has no chat service. {@link #CHAT_USER_PRIVILEGE} marks a user token, {@link #CHAT_APP_PRIVILEGE} an app
     * token.
     */
    public Map<Integer, Long> chatPrivileges() {
        return chatPrivileges;
    }

    /** The chat service's user id exactly as written in the token; {@code ""} for app tokens. */
    public String userId() {
        return userId;
    }

    /** A copy of the 32-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** A copy of the signed bytes (signing_info), exactly as they appear in the token. */
    public byte[] signingInfo() {
        return signingInfo.clone();
    }

    /** The signature without copying, for the verifier. */
    byte[] signatureBytes() {
        return signature;
    }

    /** The signing_info without copying, for the verifier. */
    byte[] signingInfoBytes() {
        return signingInfo;
    }

    /** Shows the decoded fields, not the signature. */
    @Override
    public String toString() {
        return "AccessToken2[appId=" + appId + ", issueTs=" + issueTs + ", expireSeconds=" + expireSeconds
                + ", salt=" + salt + ", chatPrivileges=" + chatPrivileges + ", userId=" + userId + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static long issueTs(Clock clock) {
        long now = Objects.requireNonNull(clock, "clock").instant().getEpochSecond();
        if (now < 0 || now > MAX_U32) {
            throw new IllegalArgumentException("the clock's time cannot be written as a 32-bit Unix time");
        }
        return now;
    }

    private static long ttlSeconds(Duration ttl) {
        long seconds = Objects.requireNonNull(ttl, "ttl").toSeconds();
        if (seconds < 1 || seconds > MAX_U32) {
            throw new IllegalArgumentException("ttl must be between 1 second and 2^32-1 seconds");
        }
        return seconds;
    }

    private static long randomSalt() {
        return 1 + SALT_RANDOM.nextInt(MAX_SALT);
    }

    private static void requireU32(String name, long value) {
        if (value < 0 || value > MAX_U32) {
            throw new IllegalArgumentException(name + " must be between 0 and 2^32-1");
        }
    }

    private static byte[] u32le(long value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256, and the keys here are never empty.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates a complete zlib stream of at most {@link #MAX_CONTENT_LENGTH} bytes with nothing after it. */
    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) {
                    // All input was given at once, so no progress means a truncated stream or a preset dictionary.
                    throw malformed("token's compressed data is truncated or needs a dictionary");
                }
                if (out.size() + n > MAX_CONTENT_LENGTH) {
                    throw malformed("token's content is larger than " + MAX_CONTENT_LENGTH + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() != 0) {
                throw malformed("token has data after its compressed content");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw malformed("token's compressed data is corrupt");
        } finally {
            inflater.end();
        }
    }

    private static TokenException malformed(String message) {
        return new TokenException(Reason.MALFORMED, message);
    }

    /** Reads little-endian fields, refusing to read past the end. */
    private static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this.data = data;
        }

        int position() {
            return position;
        }

        int remaining() {
            return data.length - position;
        }

        private void require(int count) {
            if (remaining() < count) {
                throw malformed("token is truncated");
            }
        }

        int u16() {
            require(2);
            int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
            position += 2;
            return value;
        }

        long u32() {
            require(4);
            long value = (data[position] & 0xFFL)
                    | (data[position + 1] & 0xFFL) << 8
                    | (data[position + 2] & 0xFFL) << 16
                    | (data[position + 3] & 0xFFL) << 24;
            position += 4;
            return value;
        }

        byte[] str() {
            int length = u16();
            require(length);
            byte[] value = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return value;
        }

        void skipStrings(int count) {
            for (int i = 0; i < count; i++) {
                int length = u16();
                require(length);
                position += length;
            }
        }
    }

    /** Writes little-endian fields. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        void u16(int value) {
            out.write(value);
            out.write(value >>> 8);
        }

        void u32(long value) {
            out.writeBytes(u32le(value));
        }

        void str(byte[] value) {
            u16(value.length);
            out.writeBytes(value);
        }

        void raw(byte[] value) {
            out.writeBytes(value);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
