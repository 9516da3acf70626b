package dev.parley.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One non-blocking WebSocket (RFC 6455) on a {@link SocketChannel}, client or server side, with just what the
 * benchmark needs: unfragmented text, ping, pong and close frames; frames a client sends are masked, as the RFC
 * requires. Frames are appended to an outbound buffer and written by {@link #flush()}; what cannot be written at once
 * waits for {@code OP_WRITE}. Inbound bytes are read into a buffer and split into frames by {@link #frames}.
 * The HTTP upgrade is raw bytes through {@link #appendRaw} and {@link #takeHttpHead}.
 * <p>
 * Threading: one selector thread owns it.
 */
final class WsChannel {
    /** What a channel's owner does with a complete frame; the payload is only valid during the call. */
    interface FrameSink {
        void onFrame(WsChannel channel, int opcode, byte[] payload, int offset, int length) throws IOException;
    }

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final SocketChannel socket;
    final SelectionKey key;
    private final boolean client;
    private ByteBuffer in = ByteBuffer.allocate(4 * 1024);
    private ByteBuffer out = ByteBuffer.allocate(4 * 1024);
    private boolean closed;
    /** For the owner: which user or state this channel is. */
    Object attachment;

    WsChannel(SocketChannel socket, SelectionKey key, boolean client) {
        this.socket = socket;
        this.key = key;
        this.client = client;
    }

    boolean isClosed() {
        return closed;
    }

    /** Appends one frame with FIN set; masked on a client. */
    void appendFrame(int opcode, byte[] payload, int offset, int length) {
        ensureOut(length + 14);
        out.put((byte) (0x80 | opcode));
        int maskBit = client ? 0x80 : 0;
        if (length < 126) {
            out.put((byte) (maskBit | length));
        } else if (length < 65_536) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) length);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(length);
        }
        if (!client) {
            out.put(payload, offset, length);
            return;
        }
        int mask = ThreadLocalRandom.current().nextInt();
        out.putInt(mask);
        byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        byte[] a = out.array();
        int p = out.position();
        for (int i = 0; i < length; i++) {
            a[p + i] = (byte) (payload[offset + i] ^ m[i & 3]);
        }
        out.position(p + length);
    }

    void appendText(Bytes text) {
        appendFrame(TEXT, text.array(), 0, text.length());
    }

    void appendRaw(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        ensureOut(b.length);
        out.put(b);
    }

    boolean hasPendingOutput() {
        return out.position() > 0;
    }

    /** Writes what it can; asks for {@code OP_WRITE} when something is left. False once the peer is gone. */
    boolean flush() {
        if (closed) {
            return false;
        }
        if (out.position() == 0 && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
            return true;
        }
        try {
            out.flip();
            socket.write(out);
            out.compact();
        } catch (IOException e) {
            close();
            return false;
        }
        int ops = key.interestOps();
        int wanted = out.position() > 0 ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
        return true;
    }

    /** Reads what the socket has; false at the end of the stream or on an error (then the channel is closed). */
    boolean read() {
        if (closed) {
            return false;
        }
        if (!in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        try {
            if (socket.read(in) < 0) {
                close();
                return false;
            }
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    /** The HTTP head read so far, once it is complete (up to the blank line), consuming it; else null. */
    String takeHttpHead() {
        byte[] a = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                String head = new String(a, 0, i + 1, StandardCharsets.US_ASCII);
                in.flip();
                in.position(i + 1);
                in.compact();
                return head;
            }
        }
        return null;
    }

    /**
     * Hands every complete frame read so far to {@code sink}, unmasking client frames in place; answers pings with
     * pongs. Fragmented messages are not supported (neither Parley nor the relay sends them).
     */
    void frames(FrameSink sink) throws IOException {
        byte[] a = in.array();
        int p = 0;
        int end = in.position();
        while (end - p >= 2) {
            int opcode = a[p] & 0x0F;
            boolean masked = (a[p + 1] & 0x80) != 0;
            long length = a[p + 1] & 0x7F;
            int header = 2;
            if (length == 126) {
                if (end - p < 4) {
                    break;
                }
                length = ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (end - p < 10) {
                    break;
                }
                length = ByteBuffer.wrap(a, p + 2, 8).getLong();
                header = 10;
            }
            int maskAt = p + header;
            if (masked) {
                header += 4;
            }
            if (end - p < header + length) {
                break;
            }
            int start = p + header;
            int n = (int) length;
            if (masked) {
                for (int i = 0; i < n; i++) {
                    a[start + i] ^= a[maskAt + (i & 3)];
                }
            }
            if (opcode == PING) {
                appendFrame(PONG, a, start, n);
            } else if (opcode == CLOSE) {
                closed = true;
            } else if (opcode != PONG) {
                sink.onFrame(this, opcode, a, start, n);
            }
            p = start + n;
        }
        if (p > 0) {
            in.flip();
            in.position(p);
            in.compact();
        }
    }

    void close() {
        closed = true;
        key.cancel();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The {@code Sec-WebSocket-Accept} answer to a client's key. */
    static String acceptKey(String clientKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((clientKey + GUID)
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's upgrade request. */
    static String upgradeRequest(String host, int port) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return "GET /websocket HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    private void ensureOut(int more) {
        if (out.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }
}
