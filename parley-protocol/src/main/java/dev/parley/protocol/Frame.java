package dev.parley.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One WebSocket text frame of protocol v1: a JSON object whose {@code type} field names the record below.
 * <p>
 * The wire name of each record's {@code type} is given by {@link FrameCodec#typeOf}.
 * <p>
 * Frames a client sends are {@link ClientFrame}s, frames a server sends are {@link ServerFrame}s; code that handles
 * them switches over one of the two sealed interfaces, so a new frame type is a compile error wherever it is not yet
 * handled. Record components are named with {@link JsonbProperty} so that the codec keeps working in a jlinked image
 * with debug information stripped. Optional wire fields are normalised in the compact constructors (absent text
 * becomes {@code ""}, an absent {@code ext} becomes an empty object), so no component is ever {@code null}.
 *
 * @see FrameCodec
 */
public sealed interface Frame permits Frame.ClientFrame, Frame.ServerFrame {

    /** The only chat type of protocol v1. */
    String SINGLE_CHAT = "singleChat";
    /** The only message type of protocol v1. */
    String TEXT = "txt";

    /** Frames sent by a client. */
    sealed interface ClientFrame extends Frame permits Open, Send, Delivered, Read, RenewToken, Ping {
    }

    /** Frames sent by a server. */
    sealed interface ServerFrame extends Frame
            permits Opened, Receipt, Message, Delivery, ReadReceipt, SyncStart, SyncEnd, TokenRenewed, Error, Pong {
    }

    // ---- client -> server ----------------------------------------------------------------------------------------

    /** Logs in; must be the first frame. {@code deviceId} is {@code ""} when the client gave none. */
    record Open(@JsonbProperty("appKey") String appKey, @JsonbProperty("user") String user,
                @JsonbProperty("token") String token, @JsonbProperty("deviceId") String deviceId) implements ClientFrame {
        public Open {
            appKey = required("appKey", appKey);
            user = required("user", user);
            token = required("token", token);
            deviceId = deviceId == null ? "" : deviceId;
        }

        @Override
        public String toString() { // never print a token
            return "Open[appKey=" + appKey + ", user=" + user + ", deviceId=" + deviceId + "]";
        }
    }

    /** Sends a text message. The server takes the sender from the session, never from the frame. */
    record Send(@JsonbProperty("localId") String localId, @JsonbProperty("to") String to,
                @JsonbProperty("chatType") String chatType, @JsonbProperty("msgType") String msgType,
                @JsonbProperty("msg") String msg, @JsonbProperty("ext") JsonObject ext) implements ClientFrame {
        /** The longest client-chosen id, in characters. */
        public static final int MAX_LOCAL_ID_LENGTH = 64;

        public Send {
            localId = required("localId", localId);
            if (localId.length() > MAX_LOCAL_ID_LENGTH) {
                throw new FrameException(ErrorCode.BAD_FRAME, "localId is longer than " + MAX_LOCAL_ID_LENGTH);
            }
            to = required("to", to);
            chatType = chatType == null ? SINGLE_CHAT : chatType;
            msgType = msgType == null ? TEXT : msgType;
            if (!SINGLE_CHAT.equals(chatType)) {
                throw new FrameException(ErrorCode.BAD_FRAME, "unsupported chatType: only singleChat");
            }
            if (!TEXT.equals(msgType)) {
                throw new FrameException(ErrorCode.BAD_FRAME, "unsupported msgType: only txt");
            }
            msg = required("msg", msg);
            ext = ext == null ? JsonValue.EMPTY_JSON_OBJECT : ext;
        }

        /** A one-to-one text message without extension fields. */
        public static Send text(String localId, String to, String msg) {
            return new Send(localId, to, SINGLE_CHAT, TEXT, msg, JsonValue.EMPTY_JSON_OBJECT);
        }
    }

    /** The recipient's client has message {@code id}. */
    record Delivered(@JsonbProperty("id") String id) implements ClientFrame {
        public Delivered {
            id = required("id", id);
        }
    }

    /** The recipient has read message {@code id}. */
    record Read(@JsonbProperty("id") String id) implements ClientFrame {
        public Read {
            id = required("id", id);
        }
    }

    /** Replaces the session's token. */
    record RenewToken(@JsonbProperty("token") String token) implements ClientFrame {
        public RenewToken {
            token = required("token", token);
        }

        @Override
        public String toString() {
            return "RenewToken[token=***]";
        }
    }

    /** Heartbeat; {@code t} is echoed in the {@link Pong} (0 when absent). */
    record Ping(@JsonbProperty("t") long t) implements ClientFrame {
    }

    // ---- server -> client ----------------------------------------------------------------------------------------

    /** Login accepted. Times are epoch milliseconds. */
    record Opened(@JsonbProperty("user") String user, @JsonbProperty("expireTimestamp") long expireTimestamp,
                  @JsonbProperty("serverTime") long serverTime) implements ServerFrame {
        public Opened {
            user = required("user", user);
        }
    }

    /** Message {@code localId} is durably stored as {@code id}. */
    record Receipt(@JsonbProperty("localId") String localId, @JsonbProperty("id") String id,
                   @JsonbProperty("time") long time) implements ServerFrame {
        public Receipt {
            localId = required("localId", localId);
            id = required("id", id);
        }
    }

    /** A stored message for this user, or a copy of one this user sent from another device. */
    record Message(@JsonbProperty("id") String id, @JsonbProperty("from") String from,
                   @JsonbProperty("to") String to, @JsonbProperty("chatType") String chatType,
                   @JsonbProperty("msgType") String msgType, @JsonbProperty("msg") String msg,
                   @JsonbProperty("time") long time, @JsonbProperty("ext") JsonObject ext) implements ServerFrame {
        public Message {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
            chatType = chatType == null ? SINGLE_CHAT : chatType;
            msgType = msgType == null ? TEXT : msgType;
            msg = required("msg", msg);
            ext = ext == null ? JsonValue.EMPTY_JSON_OBJECT : ext;
        }
    }

    /** {@code from} (the recipient) has received message {@code id}, sent by {@code to}. */
    record Delivery(@JsonbProperty("id") String id, @JsonbProperty("from") String from,
                    @JsonbProperty("to") String to) implements ServerFrame {
        public Delivery {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
        }
    }

    /** {@code from} (the recipient) has read message {@code id}, sent by {@code to}. */
    record ReadReceipt(@JsonbProperty("id") String id, @JsonbProperty("from") String from,
                       @JsonbProperty("to") String to) implements ServerFrame {
        public ReadReceipt {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
        }
    }

    /** {@code count} stored messages follow, then {@link SyncEnd}. */
    record SyncStart(@JsonbProperty("count") int count) implements ServerFrame {
    }

    /** The stored messages announced by {@link SyncStart} have all been pushed. */
    record SyncEnd() implements ServerFrame {
    }

    /** The session now ends at {@code expireTimestamp} (epoch milliseconds). */
    record TokenRenewed(@JsonbProperty("expireTimestamp") long expireTimestamp) implements ServerFrame {
    }

    /** A failure; {@code localId} is {@code ""} unless the error answers a {@link Send}. */
    record Error(@JsonbProperty("code") int code, @JsonbProperty("message") String message,
                 @JsonbProperty("localId") String localId) implements ServerFrame {
        public Error {
            message = message == null ? "" : message;
            localId = localId == null ? "" : localId;
        }

        /** An error not tied to a message. */
        public static Error of(ErrorCode code, String message) {
            return new Error(code.code(), message, "");
        }

        /** An error answering the send of {@code localId}. */
        public static Error forSend(ErrorCode code, String message, String localId) {
            return new Error(code.code(), message, localId);
        }
    }

    /** Heartbeat answer, echoing the ping's {@code t}. */
    record Pong(@JsonbProperty("t") long t) implements ServerFrame {
    }

    private static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "missing field: " + field);
        }
        return value;
    }
}
