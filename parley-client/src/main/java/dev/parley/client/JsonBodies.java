package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads the REST API's JSON answers into the SDK's values, with JSON-P. Lenient where leniency costs nothing: ids may
 * be strings or numbers, optional fields may be absent or null, a list may come bare or under {@code entities} or
 * {@code data}.
 *
 * <h2>The shapes this SDK expects (for whoever writes the server side)</h2>
 * <pre>
 * error (any status ≥ 400)  {error, error_description, timestamp, code?}   code: an Agora error number (602, 605 …),
 *                                                                          optional; without it the status decides
 * message object            {id, from, to, chatType, msgType, time, ext?, status?,
 *                            msg            (txt),
 *                            file:{uuid, secret, filename, size, mime, width?, height?, url?, thumbnailUrl?} (img, file),
 *                            customEvent, customExts:{…strings}   (custom),
 *                            recalled?: true  (then no msg, file or custom fields),
 *                            edited?: true    (msg is then the new text), editTime? (ms)}
 *                           as the message frame, plus status: pending | delivered | read (for its recipient)
 * history                   GET …/users/{u}/messages?peer=&amp;chatType=&amp;before=&amp;limit=
 *                           → {messages:[message…] newest first, cursor ("" or absent on the last page), isLast?}
 * search                    GET …/users/{u}/messages/search?q=&amp;chatType=&amp;peer=&amp;limit=
 *                           → {messages:[message…] newest first}  (or entities / data)
 * conversation list         GET …/users/{u}/conversations
 *                           → [{chatType, id, name, peer?, lastMessage: message, unreadCount}…] newest first
 *                           (or under entities / data); peer is version 1's id of a one-to-one conversation;
 *                           every item has its lastMessage (a conversation without messages is not listed)
 * user                      GET/PUT …/users/{u} → {username, nickname, avatarUrl?, created} (or {entities:[that]})
 * upload                    POST …/chatfiles → {entities:[{uuid, type:"chatfile", "share-secret"}]}
 * group created             POST …/chatgroups → {data:{groupid}}
 * group                     GET …/chatgroups/{id}
 *                           → {data:{id, name, description, owner, admins:[…], members:[…], maxusers, created}}
 *                           (groupid and groupname are read too)
 * joined groups             GET …/users/{u}/joined_chatgroups → {data:[{groupid, groupname}…]} (id / name too)
 * </pre>
 * Answers whose body the SDK does not read (group updates, member changes, avatar upload) may be anything.
 */
final class JsonBodies {
    private static final JsonProvider JSON = RestApi.JSON;
    /** Reads a REST message object as a {@code message} frame: one mapping of content for both. */
    private static final FrameCodec CODEC = new FrameCodec();

    private JsonBodies() {
    }

    /** A token grant: {@code {access_token, expires_in, user:{username}}}. */
    record TokenGrant(String accessToken, Duration expiresIn, String username) {
        @Override
        public String toString() { // never print a token
            return "TokenGrant[accessToken=***, expiresIn=" + expiresIn + ", username=" + username + "]";
        }
    }

    /** An error body: the {@code error} name and description ({@code ""} when absent), and a code if it had one. */
    record RestError(String error, String description, OptionalInt code) {
    }

    static JsonStructure parse(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.read();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the answer is not JSON", e);
        }
    }

    static JsonObject parseObject(String body) {
        if (parse(body) instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException("the answer is not a JSON object");
    }

    static TokenGrant tokenGrant(String body) {
        JsonObject o = parseObject(body);
        String username = o.get("user") instanceof JsonObject user ? text(user, "username", "") : "";
        JsonValue expires = o.get("expires_in");
        long seconds = expires instanceof JsonNumber n ? n.longValue() : 0;
        return new TokenGrant(required(o, "access_token"), Duration.ofSeconds(seconds), username);
    }

    static RegisteredUser registeredUser(String body) {
        UserInfo user = userInfo(body);
        return new RegisteredUser(user.username(), user.nickname(), user.created());
    }

    static UserInfo userInfo(String body) {
        JsonObject o = parseObject(body);
        JsonObject user = o.get("entities") instanceof JsonArray entities && !entities.isEmpty()
                && entities.get(0) instanceof JsonObject first ? first : o;
        return new UserInfo(required(user, "username"), text(user, "nickname", ""), text(user, "avatarUrl", ""),
                Instant.ofEpochMilli(number(user, "created", 0)));
    }

    static List<Conversation> conversations(String body) {
        List<Conversation> result = new ArrayList<>();
        for (JsonValue value : list(parse(body), "conversations")) {
            JsonObject c = value.asJsonObject();
            String id = text(c, "id", text(c, "peer", ""));
            if (id.isEmpty()) {
                throw new IllegalArgumentException("the answer lacks id");
            }
            if (!(c.get("lastMessage") instanceof JsonObject last)) {
                throw new IllegalArgumentException("the answer lacks lastMessage");
            }
            result.add(new Conversation(chatType(c), id, text(c, "name", ""), message(last),
                    (int) number(c, "unreadCount", 0)));
        }
        return List.copyOf(result);
    }

    static HistoryPage historyPage(String body) {
        JsonObject o = parseObject(body);
        JsonArray array = o.get("messages") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        List<ReceivedMessage> messages = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            messages.add(message(value.asJsonObject()));
        }
        String cursor = text(o, "cursor", "");
        boolean last = o.get("isLast") instanceof JsonValue v ? v == JsonValue.TRUE : cursor.isEmpty();
        return HistoryPage.of(messages, cursor, last);
    }

    static List<ReceivedMessage> messageList(String body) {
        List<ReceivedMessage> messages = new ArrayList<>();
        for (JsonValue value : list(parse(body), "messages")) {
            messages.add(message(value.asJsonObject()));
        }
        return List.copyOf(messages);
    }

    /** A message object: the message frame's fields, with {@code status}, {@code recalled} and {@code edited}. */
    static ReceivedMessage message(JsonObject m) {
        boolean recalled = m.get("recalled") == JsonValue.TRUE;
        var frame = JSON.createObjectBuilder(m).add("type", "message");
        if (recalled) { // as the message frame says it: no body
            frame.add("msg", "").remove("file").remove("customEvent").remove("customExts");
        }
        try {
            if (!(CODEC.decodeServerFrame(frame.build().toString()) instanceof Frame.Message message)) {
                throw new IllegalArgumentException("not a message");
            }
            ReceivedMessage r = ReceivedMessage.of(message);
            return new ReceivedMessage(r.id(), r.from(), r.to(), r.chatType(), r.content(), r.time(), r.ext(),
                    MessageState.parse(text(m, "status", "")), m.get("edited") == JsonValue.TRUE);
        } catch (FrameException e) {
            throw new IllegalArgumentException("a message object is invalid: " + e.getMessage(), e);
        }
    }

    /** An upload's answer: the file's uuid and share secret, described with what the uploader knows of it. */
    static Attachment uploaded(String body, String filename, long size, String mime) {
        JsonObject o = parseObject(body);
        JsonObject entity = o.get("entities") instanceof JsonArray a && !a.isEmpty()
                && a.get(0) instanceof JsonObject first ? first : o;
        return Attachment.of(required(entity, "uuid"), required(entity, "share-secret"), filename, size, mime);
    }

    /** The id of a group just created: {@code {data:{groupid}}}. */
    static String createdGroup(String body) {
        JsonObject o = parseObject(body);
        JsonObject data = o.get("data") instanceof JsonObject d ? d : o;
        String id = text(data, "groupid", text(data, "id", ""));
        if (id.isEmpty()) {
            throw new IllegalArgumentException("the answer lacks groupid");
        }
        return id;
    }

    static GroupInfo groupInfo(String body) {
        JsonObject o = parseObject(body);
        JsonObject g = switch (o.get("data")) {
            case JsonObject d -> d;
            case JsonArray a when !a.isEmpty() && a.get(0) instanceof JsonObject first -> first;
            case null, default -> o;
        };
        String id = text(g, "id", text(g, "groupid", ""));
        if (id.isEmpty()) {
            throw new IllegalArgumentException("the answer lacks id");
        }
        return new GroupInfo(id, text(g, "name", text(g, "groupname", "")), text(g, "description", ""),
                text(g, "owner", ""), strings(g, "admins"), strings(g, "members"), (int) number(g, "maxusers", 0),
                Instant.ofEpochMilli(number(g, "created", 0)));
    }

    static List<GroupSummary> joinedGroups(String body) {
        List<GroupSummary> groups = new ArrayList<>();
        for (JsonValue value : list(parse(body), "groups")) {
            JsonObject g = value.asJsonObject();
            String id = text(g, "groupid", text(g, "id", ""));
            if (id.isEmpty()) {
                throw new IllegalArgumentException("the answer lacks groupid");
            }
            groups.add(new GroupSummary(id, text(g, "groupname", text(g, "name", ""))));
        }
        return List.copyOf(groups);
    }

    /** An error body {@code {error, error_description, code?}}; empty strings when absent or not JSON. */
    static RestError error(String body) {
        try {
            JsonObject o = parseObject(body);
            OptionalInt code = o.get("code") instanceof JsonNumber n && n.isIntegral()
                    ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
            return new RestError(text(o, "error", ""), text(o, "error_description", ""), code);
        } catch (IllegalArgumentException e) {
            return new RestError("", "", OptionalInt.empty());
        }
    }

    /** The answer's list: the answer itself, or the array under {@code name}, {@code entities} or {@code data}. */
    private static JsonArray list(JsonStructure answer, String name) {
        return switch (answer) {
            case JsonArray a -> a;
            case JsonObject o when o.get(name) instanceof JsonArray a -> a;
            case JsonObject o when o.get("entities") instanceof JsonArray a -> a;
            case JsonObject o when o.get("data") instanceof JsonArray a -> a;
            default -> throw new IllegalArgumentException("the answer has no list of " + name);
        };
    }

    private static ChatType chatType(JsonObject o) {
        return ChatType.GROUP.wire().equals(text(o, "chatType", "")) ? ChatType.GROUP : ChatType.SINGLE;
    }

    private static List<String> strings(JsonObject o, String field) {
        if (!(o.get(field) instanceof JsonArray array)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            switch (v) {
                case JsonString s -> out.add(s.getString());
                case JsonObject obj when !text(obj, "username", "").isEmpty() -> out.add(text(obj, "username", ""));
                default -> { }
            }
        }
        return List.copyOf(out);
    }

    private static String required(JsonObject o, String field) {
        String value = text(o, field, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the answer lacks " + field);
        }
        return value;
    }

    private static String text(JsonObject o, String field, String absent) {
        return switch (o.get(field)) {
            case JsonString s -> s.getString();
            case JsonNumber n -> n.toString();
            case null, default -> absent;
        };
    }

    private static long number(JsonObject o, String field, long absent) {
        return switch (o.get(field)) {
            case JsonNumber n -> n.longValue();
            case JsonString s -> {
                try {
                    yield Long.parseLong(s.getString());
                } catch (NumberFormatException e) {
                    yield absent;
                }
            }
            case null, default -> absent;
        };
    }
}
