package dev.parley.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The codec's fast path: every frame written as JSON text directly, and the frames of a conversation's traffic (send,
 * delivered, read, ping; message, receipt, delivery, read receipt, pong) and every frame with a typed chat type or
 * content read from their parsed object directly, without JSON-B. Under load JSON-B's per-call contexts were half of the server's allocation (docs/benchmarks.md);
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
            case Frame.Send f -> content(w.str("localId", f.localId()).str("to", f.to())
                    .str("chatType", f.chatType().wire()), f.content()).obj("ext", f.ext());
            case Frame.Delivered f -> w.str("id", f.id());
            case Frame.Read f -> w.str("id", f.id());
            case Frame.RenewToken f -> w.str("token", f.token());
            case Frame.Ping f -> w.num("t", f.t());
            case Frame.Opened f -> w.str("user", f.user()).num("expireTimestamp", f.expireTimestamp())
                    .num("serverTime", f.serverTime());
            case Frame.Receipt f -> w.str("localId", f.localId()).str("id", f.id()).num("time", f.time());
            case Frame.Message f -> content(w.str("id", f.id()).str("from", f.from()).str("to", f.to())
                    .str("chatType", f.chatType().wire()), f.content()).num("time", f.time()).obj("ext", f.ext());
            case Frame.Delivery f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to());
            case Frame.ReadReceipt f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to());
            case Frame.SyncStart f -> w.num("count", f.count());
            case Frame.SyncEnd f -> { }
            case Frame.TokenRenewed f -> w.num("expireTimestamp", f.expireTimestamp());
            case Frame.Error f -> w.num("code", f.code()).str("message", f.message()).str("localId", f.localId());
            case Frame.Pong f -> w.num("t", f.t());
            case Frame.Recall f -> w.str("id", f.id());
            case Frame.Edit f -> w.str("id", f.id()).str("msg", f.msg());
            case Frame.ChannelAck f -> w.str("chatType", f.chatType().wire()).str("to", f.to())
                    .nonEmpty("from", f.from()).nonEmpty("id", f.id());
            case Frame.Typing f -> w.str("chatType", f.chatType().wire()).str("to", f.to()).nonEmpty("from", f.from());
            case Frame.SubscribePresence f -> w.strings("users", f.users());
            case Frame.PublishPresence f -> w.str("description", f.description());
            case Frame.Recalled f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to())
                    .str("chatType", f.chatType().wire());
            case Frame.Edited f -> w.str("id", f.id()).str("from", f.from()).str("to", f.to())
                    .str("chatType", f.chatType().wire()).str("msg", f.msg()).num("editTime", f.editTime());
            case Frame.Presence f -> w.str("user", f.user()).str("status", f.status()).num("lastSeen", f.lastSeen())
                    .str("description", f.description());
            case Frame.GroupEvent f -> w.nonEmpty("id", f.id()).str("group", f.group()).str("event", f.event())
                    .nonEmpty("user", f.user()).str("by", f.by()).num("time", f.time());
        }
        return w.end();
    }

    /** Writes {@code msgType} and the fields of that type. */
    private static Writer content(Writer w, Content content) {
        w.str("msgType", content.msgType());
        return switch (content) {
            case Content.Text t -> w.str("msg", t.text());
            case Content.Image i -> w.file(i.file());
            case Content.File f -> w.file(f.file());
            case Content.Custom c -> w.str("customEvent", c.event()).stringMap("customExts", c.exts());
            case Content.Recalled r -> w.str("msg", "");
        };
    }

    /**
     * The frame read from its object by hand: the frames of everyday traffic (for speed) and every frame whose
     * content or chat type is typed (JSON-B cannot bind those); {@code null} for any other type (the caller binds
     * those with JSON-B).
     *
     * @throws FrameException when a field has the wrong JSON type, or the record refuses a value
     */
    static Frame decode(String type, JsonObject o) {
        try {
            return switch (type) {
                case "send" -> new Frame.Send(str(o, "localId"), str(o, "to"), ChatType.ofWire(str(o, "chatType")),
                        content(o, false), obj(o, "ext"));
                case "delivered" -> new Frame.Delivered(str(o, "id"));
                case "read" -> new Frame.Read(str(o, "id"));
                case "ping" -> new Frame.Ping(num(o, "t"));
                case "message" -> new Frame.Message(str(o, "id"), str(o, "from"), str(o, "to"),
                        ChatType.ofWire(str(o, "chatType")), content(o, true), num(o, "time"), obj(o, "ext"));
                case "receipt" -> new Frame.Receipt(str(o, "localId"), str(o, "id"), num(o, "time"));
                case "delivery" -> new Frame.Delivery(str(o, "id"), str(o, "from"), str(o, "to"));
                case "readReceipt" -> new Frame.ReadReceipt(str(o, "id"), str(o, "from"), str(o, "to"));
                case "pong" -> new Frame.Pong(num(o, "t"));
                case "channelAck" -> new Frame.ChannelAck(ChatType.ofWire(str(o, "chatType")), str(o, "to"),
                        str(o, "from"), str(o, "id"));
                case "typing" -> new Frame.Typing(ChatType.ofWire(str(o, "chatType")), str(o, "to"), str(o, "from"));
                case "subscribePresence" -> new Frame.SubscribePresence(strings(o, "users"));
                case "recalled" -> new Frame.Recalled(str(o, "id"), str(o, "from"), str(o, "to"),
                        ChatType.ofWire(str(o, "chatType")));
                case "edited" -> new Frame.Edited(str(o, "id"), str(o, "from"), str(o, "to"),
                        ChatType.ofWire(str(o, "chatType")), str(o, "msg"), num(o, "editTime"));
                default -> null;
            };
        } catch (WrongType e) {
            throw new FrameException(ErrorCode.BAD_FRAME, "invalid fields in " + type + " frame");
        }
    }

    /**
     * The content named by {@code msgType} (absent: {@code txt}). In a message from the server, a body that is
     * absent (text {@code ""}, no file, no custom event) means the message was recalled.
     */
    private static Content content(JsonObject o, boolean fromServer) {
        String msgType = str(o, "msgType");
        if (msgType == null) {
            msgType = Content.Text.TYPE;
        }
        return switch (msgType) {
            case Content.Text.TYPE -> {
                String msg = str(o, "msg");
                yield fromServer && msg != null && msg.isEmpty() ? new Content.Recalled(msgType) : new Content.Text(msg);
            }
            case Content.Image.TYPE, Content.File.TYPE -> {
                JsonObject file = obj(o, "file");
                if (file == null && fromServer) {
                    yield new Content.Recalled(msgType);
                }
                Attachment a = attachment(Fields.requiredValue("file", file));
                yield msgType.equals(Content.Image.TYPE) ? new Content.Image(a) : new Content.File(a);
            }
            case Content.Custom.TYPE -> {
                String event = str(o, "customEvent");
                if (event == null && fromServer) {
                    yield new Content.Recalled(msgType);
                }
                yield new Content.Custom(event, stringMap(o, "customExts"));
            }
            default -> throw new FrameException(ErrorCode.BAD_FRAME, "unsupported msgType: txt, img, file or custom");
        };
    }

    private static Attachment attachment(JsonObject f) {
        return new Attachment(str(f, "uuid"), str(f, "secret"), str(f, "filename"), num(f, "size"), str(f, "mime"),
                (int) Math.min(Integer.MAX_VALUE, num(f, "width")), (int) Math.min(Integer.MAX_VALUE, num(f, "height")),
                str(f, "url"), str(f, "thumbnailUrl"));
    }

    private static java.util.List<String> strings(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof jakarta.json.JsonArray array)) {
            throw new WrongType();
        }
        java.util.List<String> out = new java.util.ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new WrongType();
            }
            out.add(s.getString());
        }
        return out;
    }

    private static java.util.Map<String, String> stringMap(JsonObject o, String name) {
        JsonObject map = obj(o, name);
        if (map == null) {
            return null;
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof JsonString s)) {
                throw new WrongType();
            }
            out.put(e.getKey(), s.getString());
        }
        return out;
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
        /**
         * Each thread's builder, used again for its next frame: a new one, grown for every message frame, was 7 % of
         * the server's allocation. One that grew past {@link #KEPT_CAPACITY} (a long message) is not kept.
         */
        private static final ThreadLocal<StringBuilder> BUILDERS = ThreadLocal.withInitial(() -> new StringBuilder(512));
        private static final int KEPT_CAPACITY = 16 * 1024;

        private final StringBuilder out = BUILDERS.get();

        Writer(String type) {
            out.setLength(0);
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

        Writer nonEmpty(String name, String value) {
            return value.isEmpty() ? this : str(name, value);
        }

        Writer strings(String name, java.util.List<String> values) {
            key(name);
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(values.get(i));
            }
            out.append(']');
            return this;
        }

        Writer stringMap(String name, java.util.Map<String, String> values) {
            key(name);
            out.append('{');
            boolean first = true;
            for (var e : values.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(e.getKey());
                out.append(':');
                quote(e.getValue());
            }
            out.append('}');
            return this;
        }

        Writer file(Attachment a) {
            key("file");
            out.append("{\"uuid\":");
            quote(a.uuid());
            out.append(",\"secret\":");
            quote(a.secret());
            out.append(",\"filename\":");
            quote(a.filename());
            out.append(",\"size\":").append(a.size()).append(",\"mime\":");
            quote(a.mime());
            if (a.width() > 0 || a.height() > 0) {
                out.append(",\"width\":").append(a.width()).append(",\"height\":").append(a.height());
            }
            if (!a.url().isEmpty()) {
                out.append(",\"url\":");
                quote(a.url());
            }
            if (!a.thumbnailUrl().isEmpty()) {
                out.append(",\"thumbnailUrl\":");
                quote(a.thumbnailUrl());
            }
            out.append('}');
            return this;
        }

        String end() {
            String text = out.append('}').toString();
            if (out.capacity() > KEPT_CAPACITY) {
                BUILDERS.remove();
            }
            return text;
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
