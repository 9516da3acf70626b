package dev.parley.server.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One delivery as it travels on the NATS bus from the node that committed it to the nodes holding sessions of its
 * user: what {@link MessageRouter} was asked, with the frame already encoded (JSON as UTF-8 bytes, encoded once on the
 * publishing node).
 * <p>
 * Wire format (big-endian, {@link DataOutputStream}): version byte {@value #VERSION}, kind byte, the id (long), the
 * strings {@code to}, {@code exceptConnectionId}, {@code exceptDeviceId}, {@code origin} (modified UTF-8 with a length),
 * then the frame's length (int) and bytes. Immutable; {@link #frame} is not copied, treat it as read-only.
 *
 * @param kind               which router method it came from
 * @param user               whose sessions receive it
 * @param id                 {@link EncodedMessage#id()} for a message, 0 otherwise
 * @param to                 {@link EncodedMessage#to()} for a message, {@code ""} otherwise
 * @param exceptConnectionId the connection that must not receive it, or {@code ""}
 * @param exceptDeviceId     the device whose connections must not receive it (messages), or {@code ""}
 * @param origin             the node that published it
 * @param frame              the encoded frame's JSON text as UTF-8
 */
record BusDelivery(Kind kind, String user, long id, String to, String exceptConnectionId, String exceptDeviceId,
                   String origin, byte[] frame) {
    /** The format's version; a node drops what it cannot read. */
    static final byte VERSION = 1;

    /** The router method a delivery came from. */
    enum Kind { MESSAGE, NOTICE, LIVE }

    BusDelivery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(exceptConnectionId, "exceptConnectionId");
        Objects.requireNonNull(exceptDeviceId, "exceptDeviceId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(frame, "frame");
    }

    /** The payload of an encoded frame: its wire bytes without the WebSocket header (no copy of the text). */
    static byte[] payloadOf(Outbound.Encoded encoded) {
        byte[] wire = encoded.wire();
        return Arrays.copyOfRange(wire, wire.length - encoded.bytes(), wire.length);
    }

    /** The frame, encoded for this node's connections. */
    Outbound.Encoded encoded() {
        return Outbound.Encoded.of(new String(frame, StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(frame.length + 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(kind.ordinal());
            out.writeUTF(user);
            out.writeLong(id);
            out.writeUTF(to);
            out.writeUTF(exceptConnectionId);
            out.writeUTF(exceptDeviceId);
            out.writeUTF(origin);
            out.writeInt(frame.length);
            out.write(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a delivery.
     *
     * @throws IllegalArgumentException when the bytes are not a delivery of this version
     */
    static BusDelivery parse(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " delivery");
            }
            int kind = in.readByte();
            if (kind < 0 || kind >= Kind.values().length) {
                throw new IllegalArgumentException("unknown kind " + kind);
            }
            String user = in.readUTF();
            long id = in.readLong();
            String to = in.readUTF();
            String exceptConnection = in.readUTF();
            String exceptDevice = in.readUTF();
            String origin = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IllegalArgumentException("frame length " + n + " past the end");
            }
            byte[] frame = in.readNBytes(n);
            return new BusDelivery(Kind.values()[kind], user, id, to, exceptConnection, exceptDevice, origin, frame);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated delivery", e);
        }
    }
}
