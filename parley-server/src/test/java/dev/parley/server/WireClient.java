package dev.parley.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket (RFC 6455, blocking), for tests that must send what no WebSocket library would:
 * text frames that are not UTF-8, binary frames, fragments, unmasked or oversized frames. One thread reads and one
 * thread writes at a time (a flood writes on one thread while another reads the answers).
 */
final class WireClient implements AutoCloseable {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A frame from the server; for a close frame, {@link #closeCode()} is its status. */
    record WireFrame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private WireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET /websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no WebSocket upgrade: " + status);
        }
    }

    static WireClient connect(int port) {
        try {
            return new WireClient(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed during the handshake");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }

    void sendText(String text) {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends one frame with the given opcode and payload, masked as a client must. */
    void send(int opcode, byte[] payload, boolean fin) {
        send(opcode, payload, fin, true);
    }

    /** Sends one frame; {@code masked} false breaks RFC 6455 (a client must mask), for tests of that rule. */
    void send(int opcode, byte[] payload, boolean fin, boolean masked) {
        sendRaw(encode(opcode, payload, fin, masked));
    }

    /** Writes bytes as they are: several encoded frames at once, or a header without its payload. */
    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One frame as a client sends it: the first byte (FIN and opcode), the length, the mask (when masked). */
    static byte[] encode(int opcode, byte[] payload, boolean fin, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        if (!masked) {
            frame.writeBytes(payload);
            return frame.toByteArray();
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        byte[] maskedPayload = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            maskedPayload[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.writeBytes(maskedPayload);
        return frame.toByteArray();
    }

    /**
     * The next frame within {@code wait}; empty when none came in time. At the end of the stream (the server closed
     * the TCP connection without a close frame) a close frame with status 1006 is returned.
     */
    Optional<WireFrame> next(Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            int first = in.read();
            if (first < 0) {
                return Optional.of(abnormalClose());
            }
            socket.setSoTimeout(10_000); // the rest of a started frame follows promptly
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > 16 * 1024 * 1024) {
                throw new IOException("frame of " + length + " bytes from the server");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return Optional.of(new WireFrame(first & 0x0F, payload));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (EOFException e) {
            return Optional.of(abnormalClose());
        } catch (IOException e) {
            if (socket.isClosed() || e.getMessage() != null && e.getMessage().contains("reset")) {
                return Optional.of(abnormalClose());
            }
            throw new UncheckedIOException(e);
        }
    }

    private static WireFrame abnormalClose() {
        return new WireFrame(CLOSE, new byte[] {(byte) (1006 >>> 8), (byte) (1006 & 0xFF)});
    }

    /** Drops the connection with a TCP reset, as a client that vanishes (a crash, a pulled cable) leaves it. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the socket at once, without a close frame (as a client that gives up would). */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a close frame (1000) and closes the socket after the server's answer or a short wait. */
    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                try {
                    send(CLOSE, new byte[] {0x03, (byte) 0xE8}, true);
                    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (System.nanoTime() < deadline) {
                        Optional<WireFrame> f = next(Duration.ofMillis(200));
                        if (f.isPresent() && f.get().opcode() == CLOSE) {
                            break;
                        }
                    }
                } catch (UncheckedIOException e) {
                    // the server closed first: nothing more to say
                }
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
