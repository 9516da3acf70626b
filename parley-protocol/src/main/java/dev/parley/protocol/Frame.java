package dev.parley.protocol;

import static dev.parley.protocol.Fields.required;
import static dev.parley.protocol.Fields.requiredValue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * One WebSocket text frame of protocol v1 or v2: a JSON object whose {@code type} field names the record below.
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

    /** The chat type of protocol v1 (and of one-to-one conversations in v2). */
    String SINGLE_CHAT = "singleChat";
    /** The message type of protocol v1. */
    String TEXT = "txt";

    /** Frames sent by a client. {@link ChannelAck} and {@link Typing} go both ways. */
    sealed interface ClientFrame extends Frame permits Open, Send, Delivered, Read, RenewToken, Ping, Recall, Edit,
            ChannelAck, Typing, SubscribePresence, PublishPresence {
    }

    /** Frames sent by a server. */
    sealed interface ServerFrame extends Frame
            permits Opened, Receipt, Message, Delivery, ReadReceipt, SyncStart, SyncEnd, TokenRenewed, Error, Pong,
            Recalled, Edited, ChannelAck, Typing, Presence, GroupEvent {
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

    /**
     * Sends a message to a user ({@code singleChat}) or a group ({@code groupChat}). The server takes the sender from
     * the session, never from the frame.
     */
    record Send(String localId, String to, ChatType chatType, Content content, JsonObject ext) implements ClientFrame {
        /** The longest client-chosen id, in characters. */
        public static final int MAX_LOCAL_ID_LENGTH = 64;

        public Send {
            localId = required("localId", localId);
            if (localId.length() > MAX_LOCAL_ID_LENGTH) {
                throw new FrameException(ErrorCode.BAD_FRAME, "localId is longer than " + MAX_LOCAL_ID_LENGTH);
            }
            to = required("to", to);
            chatType = chatType == null ? ChatType.SINGLE : chatType;
            requiredValue("content", content);
            if (content instanceof Content.Recalled) {
                throw new FrameException(ErrorCode.BAD_FRAME, "a recalled message cannot be sent");
            }
            ext = ext == null ? JsonValue.EMPTY_JSON_OBJECT : ext;
        }

        /** A version 1 send: text in {@code singleChat}, the only types v1 knows. */
        public Send(String localId, String to, String chatType, String msgType, String msg, JsonObject ext) {
            this(localId, to, ChatType.ofWire(chatType), textOnly(msgType, msg), ext);
        }

        /** A one-to-one text message without extension fields. */
        public static Send text(String localId, String to, String msg) {
            return new Send(localId, to, ChatType.SINGLE, new Content.Text(msg), JsonValue.EMPTY_JSON_OBJECT);
        }

        /** The {@code msgType} on the wire. */
        public String msgType() {
            return content.msgType();
        }

        /** The text of a {@code txt} message, {@code ""} for any other type. */
        public String msg() {
            return content instanceof Content.Text t ? t.text() : "";
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

    /**
     * A stored message for this user, or a copy of one this user sent from another device. In a group, {@code to} is
     * the group id. A message recalled before this user received it comes with {@link Content.Recalled} (and its
     * {@link Recalled} follows).
     */
    record Message(String id, String from, String to, ChatType chatType, Content content, long time, JsonObject ext)
            implements ServerFrame {
        public Message {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
            chatType = chatType == null ? ChatType.SINGLE : chatType;
            requiredValue("content", content);
            ext = ext == null ? JsonValue.EMPTY_JSON_OBJECT : ext;
        }

        /** A version 1 message: text in {@code singleChat}. */
        public Message(String id, String from, String to, String chatType, String msgType, String msg, long time,
                       JsonObject ext) {
            this(id, from, to, ChatType.ofWire(chatType), textOnly(msgType, msg), time, ext);
        }

        /** The {@code msgType} on the wire. */
        public String msgType() {
            return content.msgType();
        }

        /** The text of a {@code txt} message, {@code ""} for any other type or a recalled message. */
        public String msg() {
            return content instanceof Content.Text t ? t.text() : "";
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

    // ---- version 2 ---------------------------------------------------------------------------------------------

    /** The sender takes message {@code id} back (client to server). */
    record Recall(@JsonbProperty("id") String id) implements ClientFrame {
        public Recall {
            id = required("id", id);
        }
    }

    /** The sender replaces the text of the {@code txt} message {@code id} (client to server). */
    record Edit(@JsonbProperty("id") String id, @JsonbProperty("msg") String msg) implements ClientFrame {
        public Edit {
            id = required("id", id);
            msg = required("msg", msg);
        }
    }

    /**
     * "I have read this whole conversation". From a client: {@code chatType} and {@code to} only. From the server: to
     * the peer ({@code singleChat}) and to the reader's other devices, with {@code from} = the reader, and with
     * {@code id} (an event id, acknowledged with {@link Delivered}) when it is stored for a device that was offline.
     */
    record ChannelAck(ChatType chatType, String to, String from, String id) implements ClientFrame, ServerFrame {
        public ChannelAck {
            chatType = chatType == null ? ChatType.SINGLE : chatType;
            to = required("to", to);
            from = from == null ? "" : from;
            id = id == null ? "" : id;
        }

        /** What a client sends. */
        public static ChannelAck of(ChatType chatType, String to) {
            return new ChannelAck(chatType, to, "", "");
        }
    }

    /**
     * "I am typing" (valid for 5 s). From a client: {@code chatType} and {@code to}; relayed by the server to the
     * members online now with {@code from} = the typist. Never stored.
     */
    record Typing(ChatType chatType, String to, String from) implements ClientFrame, ServerFrame {
        public Typing {
            chatType = chatType == null ? ChatType.SINGLE : chatType;
            to = required("to", to);
            from = from == null ? "" : from;
        }

        /** What a client sends. */
        public static Typing of(ChatType chatType, String to) {
            return new Typing(chatType, to, "");
        }
    }

    /** Asks for the presence of up to 100 users, now and on every change until the session ends. */
    record SubscribePresence(List<String> users) implements ClientFrame {
        /** The most users one frame may name. */
        public static final int MAX_USERS = 100;

        public SubscribePresence {
            users = users == null ? List.of() : List.copyOf(users);
            if (users.isEmpty() || users.size() > MAX_USERS) {
                throw new FrameException(ErrorCode.BAD_FRAME, "users must name 1 to " + MAX_USERS + " user ids");
            }
        }
    }

    /** Sets the custom status line subscribers see ({@code ""} clears it). */
    record PublishPresence(@JsonbProperty("description") String description) implements ClientFrame {
        /** The longest status line, in characters. */
        public static final int MAX_DESCRIPTION = 64;

        public PublishPresence {
            description = description == null ? "" : description;
            if (description.length() > MAX_DESCRIPTION) {
                throw new FrameException(ErrorCode.BAD_FRAME, "description is longer than " + MAX_DESCRIPTION);
            }
        }
    }

    /** Message {@code id} of the conversation ({@code chatType}, {@code to}) was recalled by {@code from}. */
    record Recalled(String id, String from, String to, ChatType chatType) implements ServerFrame {
        public Recalled {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
            chatType = chatType == null ? ChatType.SINGLE : chatType;
        }
    }

    /** Message {@code id} now reads {@code msg}, edited at {@code editTime} (epoch milliseconds). */
    record Edited(String id, String from, String to, ChatType chatType, String msg, long editTime)
            implements ServerFrame {
        public Edited {
            id = required("id", id);
            from = required("from", from);
            to = required("to", to);
            chatType = chatType == null ? ChatType.SINGLE : chatType;
            msg = required("msg", msg);
        }
    }

    /**
     * {@code user} is {@code online} or {@code offline} ({@code lastSeen} in epoch milliseconds when offline, else 0),
     * with their custom status line.
     */
    record Presence(@JsonbProperty("user") String user, @JsonbProperty("status") String status,
                    @JsonbProperty("lastSeen") long lastSeen, @JsonbProperty("description") String description)
            implements ServerFrame {
        public static final String ONLINE = "online";
        public static final String OFFLINE = "offline";

        public Presence {
            user = required("user", user);
            status = required("status", status);
            if (!status.equals(ONLINE) && !status.equals(OFFLINE)) {
                throw new FrameException(ErrorCode.BAD_FRAME, "status must be online or offline");
            }
            description = description == null ? "" : description;
        }
    }

    /**
     * Something happened to group {@code group}: {@code event} is {@code created}, {@code memberAdded},
     * {@code memberRemoved}, {@code updated} or {@code destroyed}; {@code user} is the member added or removed
     * ({@code ""} otherwise), {@code by} who did it. {@code id} is the event's id, acknowledged with {@link Delivered}.
     */
    record GroupEvent(@JsonbProperty("id") String id, @JsonbProperty("group") String group,
                      @JsonbProperty("event") String event, @JsonbProperty("user") String user,
                      @JsonbProperty("by") String by, @JsonbProperty("time") long time) implements ServerFrame {
        public static final List<String> EVENTS =
                List.of("created", "memberAdded", "memberRemoved", "updated", "destroyed");

        public GroupEvent {
            id = id == null ? "" : id;
            group = required("group", group);
            event = required("event", event);
            if (!EVENTS.contains(event)) {
                throw new FrameException(ErrorCode.BAD_FRAME, "unknown group event: " + event);
            }
            user = user == null ? "" : user;
            by = required("by", by);
        }
    }

    /** The content of a version 1 frame: text, the only type v1 has. */
    private static Content textOnly(String msgType, String msg) {
        if (msgType != null && !TEXT.equals(msgType)) {
            throw new FrameException(ErrorCode.BAD_FRAME, "this constructor builds txt messages only");
        }
        return new Content.Text(msg);
    }
}
