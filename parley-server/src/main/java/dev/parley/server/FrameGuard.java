package dev.parley.server;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * Reads the header of every frame a client sends, before Tyrus sees its bytes, and refuses at once what Tyrus would
 * buffer, accept or answer badly:
 * <ul>
 *   <li>a data frame longer than {@code maxMessage}, or a fragmented message whose frames add up to more: close 1009
 *       (too big). Left to Tyrus, a single frame up to its incoming buffer (512 KiB) is buffered whole and delivered,
 *       and a longer one ends in close 1011 and a logged stack trace;</li>
 *   <li>a frame without a mask: close 1002. RFC 6455 §5.1 says the server MUST close the connection; Tyrus does not
 *       check;</li>
 *   <li>a control frame over 125 bytes: close 1002 (as Tyrus would; refused here so that the guard never follows a
 *       bogus length).</li>
 * </ul>
 * Only headers are parsed: payload bytes are counted, never copied. Everything else passes to Tyrus unchanged, in
 * slices of at most {@link #SLICE} bytes, so Tyrus's own buffer never holds more than one frame and one slice (see
 * {@link #tyrusBufferNeeded}).
 * <p>
 * After a refusal nothing more reaches Tyrus. The guard goes on reading what the client still sends (the rest of a
 * refused frame is usually on its way) and drops it, until the client's own close frame arrives, which it reports
 * through {@code clientClosed}: the connection can then be closed without resetting it, so the client reads the close
 * frame it was sent. A client that keeps sending is cut off by whoever owns the connection (see
 * {@link LingeringWriter}).
 * <p>
 * One per connection. Threading: {@link #handle} is called by one thread at a time (Tyrus's per-connection task
 * processor), as Tyrus's own read handler is.
 */
final class FrameGuard implements ReadHandler {
    /** The longest frame header: 2 bytes, an 8-byte length, a 4-byte mask. */
    static final int MAX_HEADER = 14;
    /** The most bytes handed to Tyrus at once. */
    static final int SLICE = 64 * 1024;

    private static final int CLOSE_OPCODE = 0x8;
    private static final CloseReason.CloseCode TOO_BIG = CloseReason.CloseCodes.TOO_BIG;
    private static final CloseReason.CloseCode PROTOCOL_ERROR = CloseReason.CloseCodes.PROTOCOL_ERROR;

    private final ReadHandler tyrus;
    private final int maxMessage;
    private final Consumer<CloseReason> refuse;
    private final Runnable clientClosed;

    /** Header bytes of the current frame read so far; 0 between frames and within a payload. */
    private int headerRead;
    /** The header's length, known after its second byte. */
    private int headerLength = 2;
    private int first;
    private boolean masked;
    private long length;
    private long payloadLeft;
    /** Payload bytes of the data message under way (all its fragments so far). */
    private long messageBytes;
    /** A frame was refused: what follows is dropped. */
    private boolean draining;
    /** The server closes the connection: from the next frame on, what follows is dropped (see {@link #stop}). */
    private volatile boolean stopped;
    /** The mask key of the current frame, its last four header bytes. */
    private int mask;
    /** A fragmented data message is under way: its frames, to its last, go to Tyrus. */
    private boolean inFragments;
    /** Where whole text frames go when read here; null: everything goes to Tyrus. */
    private volatile Consumer<String> textSink;
    private final TextFrames text = new TextFrames();
    /** The client's close frame came after a refusal: nothing more is read. */
    private boolean done;

    /**
     * @param tyrus        Tyrus's read handler of the connection
     * @param maxMessage   the longest data frame, or fragmented message, that is let through
     * @param refuse       closes the session with the given reason (sends the close frame, tells the endpoint)
     * @param clientClosed called once if the client sends its close frame after a refusal
     */
    FrameGuard(ReadHandler tyrus, int maxMessage, Consumer<CloseReason> refuse, Runnable clientClosed) {
        this.tyrus = tyrus;
        this.maxMessage = maxMessage;
        this.refuse = refuse;
        this.clientClosed = clientClosed;
    }

    /** The incoming buffer Tyrus needs so that this guard's traffic never overflows it. */
    static int tyrusBufferNeeded(int maxMessage) {
        return maxMessage + MAX_HEADER + SLICE;
    }

    /**
     * From now on, a whole text frame that arrives in one read is unmasked, decoded and handed to {@code sink} here,
     * on this thread, instead of going through Tyrus's frame and message handling (the server's hot path: one copy of
     * the payload, no per-frame objects of Tyrus's). Fragmented messages, binary and control frames still go to
     * Tyrus, in order with the rest. Text that is not UTF-8 closes the connection (1007), as Tyrus would.
     */
    void readTextInto(Consumer<String> sink) {
        textSink = sink;
    }

    /**
     * Nothing more reaches Tyrus, from the next frame on: the server is closing the connection. What the client still
     * sends is read and dropped until its close frame, as after a refusal. Any thread.
     */
    void stop() {
        stopped = true;
    }

    @Override
    public void handle(ByteBuffer data) {
        if (done) {
            return;
        }
        draining |= stopped;
        // A header begun in an earlier read was passed on to Tyrus in part: that frame must go to Tyrus whole.
        boolean carriedHeader = headerRead > 0;
        int start = data.position();
        int limit = data.limit();
        int frameStart = start;
        int pos = start;
        while (pos < limit) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, limit - pos);
                pos += skip;
                payloadLeft -= skip;
                continue;
            }
            if (headerRead == 0) {
                frameStart = pos;
                carriedHeader = false;
                if (!draining && (data.get(pos) & 0x08) != 0 && pos > start) {
                    // A control frame: what came before it goes to Tyrus first, and if that made the server close
                    // the connection, the control frame (a ping flood's next ping) is dropped instead of answered.
                    forward(data, start, pos);
                    start = pos;
                    if (stopped) {
                        draining = true;
                    }
                }
            }
            readHeaderByte(data.get(pos++) & 0xFF);
            if (headerRead < headerLength) {
                continue;
            }
            headerRead = 0;
            headerLength = 2;
            payloadLeft = length < 0 ? Long.MAX_VALUE : length;
            if (draining) {
                if ((first & 0x0F) == CLOSE_OPCODE) {
                    done = true;
                    clientClosed.run();
                    break;
                }
                continue;
            }
            CloseReason refusal = check();
            if (refusal != null) {
                draining = true;
                forward(data, start, frameStart);
                refuse.accept(refusal);
                continue;
            }
            Consumer<String> sink = textSink;
            if (sink != null && first == 0x81 && !inFragments && !carriedHeader && limit - pos >= length) {
                // A whole text frame in this read: what came before it goes to Tyrus, then it is read here.
                forward(data, start, frameStart);
                int end = pos + (int) length;
                String message = text.decode(data, pos, end, mask);
                pos = end;
                start = end;
                payloadLeft = 0;
                if (message == null) {
                    draining = true;
                    refuse.accept(new CloseReason(CloseReason.CloseCodes.NOT_CONSISTENT, "text that is not UTF-8"));
                    continue;
                }
                sink.accept(message);
                if (stopped) {
                    draining = true;
                }
                continue;
            }
            trackFragments();
        }
        if (!draining) {
            forward(data, start, limit);
        }
    }
    private void readHeaderByte(int b) {
        switch (headerRead++) {
            case 0 -> first = b;
            case 1 -> {
                masked = (b & 0x80) != 0;
                int code = b & 0x7F;
                int extended = code == 126 ? 2 : code == 127 ? 8 : 0;
                length = extended == 0 ? code : 0;
                headerLength = 2 + extended + (masked ? 4 : 0);
            }
            default -> {
                if (headerRead <= headerLength - (masked ? 4 : 0)) {
                    length = (length << 8) | b; // an 8-byte length with its top bit set reads as negative
                } else {
                    mask = (mask << 8) | b;
                }
            }
        }
    }

    /** Follows whether a fragmented data message is under way (its frames then all go to Tyrus). */
    private void trackFragments() {
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        if (opcode == 0x1 || opcode == 0x2) {
            inFragments = !fin;
        } else if (opcode == 0x0 && fin) {
            inFragments = false;
        }
    }

    /** Why the frame whose header was just read is refused, or null to let it through. */
    private CloseReason check() {
        if (!masked) {
            return new CloseReason(PROTOCOL_ERROR, "client frames must be masked");
        }
        boolean control = (first & 0x08) != 0;
        if (control) {
            return length > 125 ? new CloseReason(PROTOCOL_ERROR, "control frame over 125 bytes") : null;
        }
        boolean continuation = (first & 0x0F) == 0;
        long before = continuation ? messageBytes : 0;
        if (length < 0 || length > maxMessage - before) {
            return new CloseReason(TOO_BIG, "message over " + maxMessage + " bytes");
        }
        messageBytes = before + length;
        return null;
    }

    /** Hands {@code data[from, to)} to Tyrus, in slices of at most {@link #SLICE} bytes. */
    private void forward(ByteBuffer data, int from, int to) {
        if (from >= to) {
            return;
        }
        if (from == data.position() && to == data.limit() && to - from <= SLICE) {
            tyrus.handle(data);
            return;
        }
        for (int at = from; at < to; at += SLICE) {
            tyrus.handle(data.duplicate().limit(Math.min(to, at + SLICE)).position(at));
        }
    }
}
