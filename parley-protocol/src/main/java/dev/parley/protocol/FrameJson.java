package dev.parley.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The codec's fast path: every frame written as JSON text directly, and the frames of a conversation's traffic (send,
 * delivered, read, ping; message, receipt, delivery, read receipt, pong) read from their parsed object directly,
 * without JSON-B. Under load JSON-B's per-call contexts were half of the server's allocation (docs/benchmarks.md);
 * the text and the records are the same either way, which {@code FrameCodecFastPathTest} checks against JSON-B on
 * generated frames.
 * <p>
 * A field of the wrong JSON type is refused as JSON-B refuses it ({@code invalid fields in … frame}); a field that is
 * absent or {@code null} is left to the record's constructor (a default, or {@code missing field: …}). Stateless.
 */
final class FrameJson {
    private FrameJson() {
    }

    /** The frame as one JSON object, {@code type} first. */
    static String encode(Frame frame) {
        Writer w = new Writer(FrameCodec.typeOf(frame));
        switch (frame) {
            case Frame.Open f -> w.str("appKey", f.appKey()).str("user", f.user()).str("token", f.token())
                    .str("deviceId", f.deviceId());
            case Frame.Send f -> w.str("localId", f.localId()).str("to", f.to()).str("chatType", f.chatType())
                    .str("msgType", f.msgType()).str("msg", f.msg()).obj("ext", f.ext());
            case Frame.Delivered f -> w.str("id", f.id());
            case Frame.Read f -> w.str("id", f.id());
            case Frame.RenewToken f -> w.str("token", f.token());
            case Frame.Ping f -> w.num("t", f.t());
            case Frame.Opened f -> w.str("user", f.user()).num("expireTimestamp", f.expireTimestamp())
                    .num("serverTime", f.serverTime());
            case Frame.Receipt f -> w.str("localId", f.localId()).str("id", f.id()).num("time", f.time());
            case Frame.Message f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to())
                    .str("chatType", f.chatType()).str("msgType", f.msgType()).str("msg", f.msg())
                    .num("time", f.time()).obj("ext", f.ext());
            case Frame.Delivery f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to());
            case Frame.ReadReceipt f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to());
            case Frame.SyncStart f -> w.num("count", f.count());
            case Frame.SyncEnd f -> { }
            case Frame.TokenRenewed f -> w.num("expireTimestamp", f.expireTimestamp());
            case Frame.Error f -> w.num("code", f.code()).str("message", f.message()).str("localId", f.localId());
            case Frame.Pong f -> w.num("t", f.t());
        }
        return w.end();
    }

    /**
     * The frame of the traffic types, read from its object; {@code null} for any other type (the caller binds those
     * with JSON-B).
     *
     * @throws FrameException when a field has the wrong JSON type, or the record refuses a value
     */
    static Frame decode(String type, JsonObject o) {
        try {
            return switch (type) {
                case "send" -> new Frame.Send(str(o, "localId"), str(o, "to"), str(o, "chatType"),
                        str(o, "msgType"), str(o, "msg"), obj(o, "ext"));
                case "delivered" -> new Frame.Delivered(str(o, "id"));
                case "read" -> new Frame.Read(str(o, "id"));
                case "ping" -> new Frame.Ping(num(o, "t"));
                case "message" -> new Frame.Message(str(o, "id"), str(o, "from"), str(o, "to"),
                        str(o, "chatType"), str(o, "msgType"), str(o, "msg"), num(o, "time"), obj(o, "ext"));
                case "receipt" -> new Frame.Receipt(str(o, "localId"), str(o, "id"), num(o, "time"));
                case "delivery" -> new Frame.Delivery(str(o, "id"), str(o, "from"), str(o, "to"));
                case "readReceipt" -> new Frame.ReadReceipt(str(o, "id"), str(o, "from"), str(o, "to"));
                case "pong" -> new Frame.Pong(num(o, "t"));
                default -> null;
            };
        } catch (WrongType e) {
            throw new FrameException(ErrorCode.BAD_FRAME, "invalid fields in " + type + " frame");
        }
    }

    /** A field of the wrong JSON type. */
    private static final class WrongType extends RuntimeException {
        WrongType() {
            super(null, null, false, false);
        }
    }

    private static String str(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber || v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v.toString(); // JSON-B reads a number or a boolean into a string field as its text
        }
        throw new WrongType();
    }

    private static long num(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null) {
            return 0;
        }
        try {
            if (v instanceof JsonNumber n) {
                return n.bigDecimalValue().longValueExact(); // 1e3 and 1.0 are whole numbers; 1.5 is refused
            }
            if (v instanceof JsonString s) {
                return Long.parseLong(s.getString()); // JSON-B reads a number in a string too
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new WrongType();
        }
        throw new WrongType();
    }

    private static JsonObject obj(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonObject object) {
            return object;
        }
        throw new WrongType();
    }

    /** Writes one flat JSON object; strings escaped as RFC 8259 requires. */
    private static final class Writer {
        private final StringBuilder out = new StringBuilder(128);

        Writer(String type) {
            out.append("{\"type\":\"").append(type).append('"');
        }

        Writer str(String name, String value) {
            if (value != null) {
                key(name);
                quote(value);
            }
            return this;
        }

        Writer num(String name, long value) {
            key(name);
            out.append(value);
            return this;
        }

        Writer obj(String name, JsonObject value) {
            if (value != null) {
                key(name);
                out.append(value); // JSON-P writes a JsonObject as JSON text
            }
            return this;
        }

        String end() {
            return out.append('}').toString();
        }

        private void key(String name) {
            out.append(",\"").append(name).append("\":");
        }

        private void quote(String s) {
            out.append('"');
            int from = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                out.append(s, from, i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
                from = i + 1;
            }
            out.append(s, from, s.length()).append('"');
        }
    }
}
