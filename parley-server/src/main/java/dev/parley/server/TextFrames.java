package dev.parley.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the payload of a client's text frame: unmasks it (RFC 6455 §5.3) into an array and decodes it as UTF-8,
 * strictly (Tyrus closes with 1007 on text that is not UTF-8, and so does the {@link FrameGuard} when this says so).
 * ASCII text, the usual case, becomes a string without a decoder.
 * <p>
 * Not thread-safe: one per connection, used by its reading thread.
 */
final class TextFrames {
    /**
     * Each reading thread's array to unmask into (a larger frame gets its own): the string is made from it, so no
     * array is left per frame. Per thread, not per connection, so that an idle connection holds none.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8 * 1024]);

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * The text of the masked payload {@code data[from, to)}, or {@code null} when it is not UTF-8. Leaves
     * {@code data}'s position and limit as they were.
     *
     * @param mask the four mask bytes, the first in the highest byte
     */
    String decode(ByteBuffer data, int from, int to, int mask) {
        int n = to - from;
        byte[] scratch = SCRATCH.get();
        byte[] payload = n <= scratch.length ? scratch : new byte[n];
        data.get(from, payload, 0, n);
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            byte b = (byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
            payload[i] = b;
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(payload, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(payload, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
