package dev.parley.desktop.cache;

import dev.parley.client.Conversation;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/** Messages and conversations for the cache's tests, in the SDK's types. */
final class CacheFixtures {
    static final String URL = "ws://127.0.0.1:1/websocket";
    static final String APP_KEY = "parley#test";
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private CacheFixtures() {
    }

    /** Text {@code text} from roy to leo, {@code second}s after T0. */
    static ReceivedMessage fromRoy(String id, int second, String text) {
        return message(id, "roy", "leo", ChatType.SINGLE, second, new Content.Text(text));
    }

    static ReceivedMessage message(String id, String from, String to, ChatType type, int second, Content content) {
        return new ReceivedMessage(id, from, to, type, content, T0.plusSeconds(second), JsonObject.EMPTY_JSON_OBJECT,
                MessageState.DELIVERED, false);
    }

    /** An image with every attachment field set. */
    static Content.Image image() {
        return new Content.Image(new Attachment("u-img-1", "s3cret", "cat 🐱.png", 123_456, "image/png", 640, 480,
                "http://127.0.0.1:1/parley/test/chatfiles/u-img-1", "http://127.0.0.1:1/parley/test/chatfiles/u-img-1?thumb"));
    }

    /** A file with every attachment field set (no thumbnail). */
    static Content.File file() {
        return new Content.File(new Attachment("u-file-1", "another-secret", "report 2026.pdf", 9_876_543_210L,
                "application/pdf", 0, 0, "http://127.0.0.1:1/parley/test/chatfiles/u-file-1", ""));
    }

    static Content.Custom custom() {
        return new Content.Custom("location", Map.of("lat", "52.52", "lng", "13.405", "label", "Berlin, 柏林"));
    }

    /** A reply's ext, as Agora's docs keep a quote: nested objects, numbers, booleans, arrays. */
    static JsonObject replyExt() {
        return Json.createObjectBuilder()
                .add("msgQuote", Json.createObjectBuilder().add("msgID", "m-1").add("msgPreview", "hello")
                        .add("msgSender", "roy").add("msgType", "txt").add("time", 1_765_101_600_000L))
                .add("weight", 1.5).add("urgent", true).add("tags", Json.createArrayBuilder().add("a").add(2))
                .add("nothing", Json.createValue("")).build();
    }

    static Conversation conversation(String peer, String name, ReceivedMessage latest, int unread) {
        return new Conversation(ChatType.SINGLE, peer, name, latest, unread);
    }
}
