package dev.parley.server.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A presence message between nodes, on the one presence subject (so each node's messages arrive in the order it
 * published them).
 * <p>
 * Types: {@code UPDATE} (this node's presence of some users changed), {@code HEARTBEAT} (this node is alive; its last
 * sequence number), {@code SNAPSHOT} (all of this node's presence, in parts; part 0 replaces what others held of the
 * node), {@code HELLO} (please send your snapshot: {@code target} is a node id, or {@code ""} for every node),
 * {@code BYE} (this node stops: its users are offline there now).
 * Updates are numbered per node ({@code seq}); a heartbeat and a snapshot carry the number of the last update, so a
 * node that missed one (the bus is at-most-once) sees the gap and asks for a snapshot.
 * <p>
 * Wire format (big-endian): version byte, type byte, origin, seq (long), part (int), target, entry count (int), then
 * per entry user, sessions (int), lastSeen (long), description, describedAt (long); strings as an int length and
 * UTF-8 bytes. Immutable.
 *
 * @param type    what it is
 * @param origin  the node that published it
 * @param seq     the number of the node's last update (this one, for an update)
 * @param part    a snapshot's part number, from 0; 0 otherwise
 * @param target  for a hello: whose snapshot is asked for ({@code ""}: everyone's); {@code ""} otherwise
 * @param entries users and their presence on the origin node
 */
record PresenceWire(Type type, String origin, long seq, int part, String target,
                    Map<String, PresenceCluster.NodePresence> entries) {
    static final byte VERSION = 1;
    /** The most entries one snapshot part carries. */
    static final int MAX_ENTRIES = 256;
    /**
     * The most bytes one snapshot part carries, about (status lines may be long): a part stays well under NATS'
     * default 1 MB payload limit.
     */
    static final long MAX_PART_BYTES = 256 * 1024;

    enum Type { UPDATE, HEARTBEAT, SNAPSHOT, HELLO, BYE }

    PresenceWire {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(target, "target");
        entries = Map.copyOf(entries);
    }

    static PresenceWire hello(String origin, String target) {
        return new PresenceWire(Type.HELLO, origin, 0, 0, target, Map.of());
    }

    /** A snapshot of {@code all} in parts of at most {@link #MAX_ENTRIES} (one empty part when there is nothing). */
    static List<PresenceWire> snapshot(String origin, long seq, Map<String, PresenceCluster.NodePresence> all) {
        List<PresenceWire> parts = new ArrayList<>();
        Map<String, PresenceCluster.NodePresence> part = new java.util.HashMap<>();
        long bytes = 0;
        for (Map.Entry<String, PresenceCluster.NodePresence> e : all.entrySet()) {
            part.put(e.getKey(), e.getValue());
            bytes += 3L * (e.getKey().length() + e.getValue().description().length()) + 32; // UTF-8 at most 3 a char
            if (part.size() == MAX_ENTRIES || bytes >= MAX_PART_BYTES) {
                parts.add(new PresenceWire(Type.SNAPSHOT, origin, seq, parts.size(), "", part));
                part.clear();
                bytes = 0;
            }
        }
        if (!part.isEmpty() || parts.isEmpty()) {
            parts.add(new PresenceWire(Type.SNAPSHOT, origin, seq, parts.size(), "", part));
        }
        return parts;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(type.ordinal());
            writeString(out, origin);
            out.writeLong(seq);
            out.writeInt(part);
            writeString(out, target);
            out.writeInt(entries.size());
            for (Map.Entry<String, PresenceCluster.NodePresence> e : entries.entrySet()) {
                PresenceCluster.NodePresence p = e.getValue();
                writeString(out, e.getKey());
                out.writeInt(p.sessions());
                out.writeLong(p.lastSeen());
                writeString(out, p.description());
                out.writeLong(p.describedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a presence message.
     *
     * @throws IllegalArgumentException when the bytes are not one of this version
     */
    static PresenceWire parse(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " presence message");
            }
            int type = in.readByte();
            if (type < 0 || type >= Type.values().length) {
                throw new IllegalArgumentException("unknown type " + type);
            }
            String origin = readString(in);
            long seq = in.readLong();
            int part = in.readInt();
            String target = readString(in);
            int n = in.readInt();
            if (n < 0 || n > in.available() / 24) {
                throw new IllegalArgumentException("entry count " + n + " past the end");
            }
            Map<String, PresenceCluster.NodePresence> entries = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                String user = readString(in);
                int sessions = in.readInt();
                long lastSeen = in.readLong();
                String description = readString(in);
                long describedAt = in.readLong();
                if (sessions < 0) {
                    throw new IllegalArgumentException("negative session count");
                }
                entries.put(user, new PresenceCluster.NodePresence(sessions, lastSeen, description, describedAt));
            }
            return new PresenceWire(Type.values()[type], origin, seq, part, target, entries);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated presence message", e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("string length " + n + " past the end");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
