package dev.parley.client;

import dev.parley.protocol.Frame;
import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the REST API's JSON answers (see the protocol description) into the SDK's values, with JSON-P. Lenient where
 * leniency costs nothing: ids may be strings or numbers, optional fields may be absent or null.
 */
final class JsonBodies {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBodies() {
    }

    /** A token grant: {@code {access_token, expires_in, user:{username}}}. */
    record TokenGrant(String accessToken, Duration expiresIn, String username) {
        @Override
        public String toString() { // never print a token
            return "TokenGrant[accessToken=***, expiresIn=" + expiresIn + ", username=" + username + "]";
        }
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
        JsonObject o = parseObject(body);
        JsonObject user = o.get("entities") instanceof JsonArray entities && !entities.isEmpty()
                && entities.get(0) instanceof JsonObject first ? first : o;
        return new RegisteredUser(required(user, "username"), text(user, "nickname", ""),
                Instant.ofEpochMilli(number(user, "created", 0)));
    }

    static List<Conversation> conversations(String body) {
        JsonArray array = switch (parse(body)) {
            case JsonArray a -> a;
            case JsonObject o when o.get("entities") instanceof JsonArray a -> a;
            case JsonObject o when o.get("data") instanceof JsonArray a -> a;
            default -> throw new IllegalArgumentException("the answer has no list of conversations");
        };
        List<Conversation> result = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            JsonObject c = value.asJsonObject();
            result.add(new Conversation(required(c, "peer"), message(c.getJsonObject("lastMessage")),
                    (int) number(c, "unreadCount", 0)));
        }
        return List.copyOf(result);
    }

    static HistoryPage historyPage(String body) {
        JsonObject o = parseObject(body);
        JsonArray array = o.get("messages") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        List<TextMessageEvent> messages = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            messages.add(message(value.asJsonObject()));
        }
        String cursor = text(o, "cursor", "");
        boolean last = o.get("isLast") instanceof JsonValue v ? v == JsonValue.TRUE : cursor.isEmpty();
        return new HistoryPage(messages, cursor, last);
    }

    /** A message object, as in the {@code message} frame, with the {@code status} the REST API adds. */
    static TextMessageEvent message(JsonObject m) {
        if (m == null) {
            throw new IllegalArgumentException("a message object is missing");
        }
        JsonObject ext = m.get("ext") instanceof JsonObject e ? e : JsonValue.EMPTY_JSON_OBJECT;
        return new TextMessageEvent(required(m, "id"), required(m, "from"), required(m, "to"),
                text(m, "chatType", Frame.SINGLE_CHAT), text(m, "msg", ""), Instant.ofEpochMilli(number(m, "time", 0)),
                ext, MessageState.parse(text(m, "status", "")));
    }

    /** An error body {@code {error, error_description}}: the two strings, or empty strings when absent. */
    static String[] error(String body) {
        try {
            JsonObject o = parseObject(body);
            return new String[] {text(o, "error", ""), text(o, "error_description", "")};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
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
