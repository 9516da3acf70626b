package dev.parley.protocol;

import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.eclipse.yasson.YassonJsonb;

/**
 * Turns frames into JSON text and back: written directly, and read with JSON-P, the frames of everyday traffic
 * mapped by hand and the rest bound with JSON-B (Yasson); see {@link FrameJson}.
 * <p>
 * Decoding reads a frame of the everyday shape (flat, strings and whole numbers) with {@link FlatJson} and maps it by
 * hand. Any other text it parses once into a JSON object (which rejects trailing garbage and non-objects), looks up the
 * record for its {@code type}, and binds the object to that record; the record's compact constructor checks its
 * fields. Any fault raises a {@link FrameException} whose message says what is wrong, in words fit for an
 * {@code error} frame. Instances are immutable and safe to share between threads.
 */
public final class FrameCodec {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Map<String, Class<? extends Frame>> BY_TYPE = Map.ofEntries(
            Map.entry("open", Frame.Open.class),
            Map.entry("send", Frame.Send.class),
            Map.entry("delivered", Frame.Delivered.class),
            Map.entry("read", Frame.Read.class),
            Map.entry("renewToken", Frame.RenewToken.class),
            Map.entry("ping", Frame.Ping.class),
            Map.entry("opened", Frame.Opened.class),
            Map.entry("receipt", Frame.Receipt.class),
            Map.entry("message", Frame.Message.class),
            Map.entry("delivery", Frame.Delivery.class),
            Map.entry("readReceipt", Frame.ReadReceipt.class),
            Map.entry("syncStart", Frame.SyncStart.class),
            Map.entry("syncEnd", Frame.SyncEnd.class),
            Map.entry("tokenRenewed", Frame.TokenRenewed.class),
            Map.entry("error", Frame.Error.class),
            Map.entry("pong", Frame.Pong.class),
            Map.entry("recall", Frame.Recall.class),
            Map.entry("edit", Frame.Edit.class),
            Map.entry("channelAck", Frame.ChannelAck.class),
            Map.entry("typing", Frame.Typing.class),
            Map.entry("subscribePresence", Frame.SubscribePresence.class),
            Map.entry("publishPresence", Frame.PublishPresence.class),
            Map.entry("recalled", Frame.Recalled.class),
            Map.entry("edited", Frame.Edited.class),
            Map.entry("presence", Frame.Presence.class),
            Map.entry("groupEvent", Frame.GroupEvent.class));
    private static final Map<Class<? extends Frame>, String> TYPE_OF = BY_TYPE.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private final YassonJsonb jsonb = (YassonJsonb) JsonbBuilder.create(new JsonbConfig().withFormatting(false));

    /** Encodes a frame as one JSON object, {@code type} first. */
    public String encode(Frame frame) {
        return FrameJson.encode(frame);
    }

    /** Encodes with JSON-B, as {@link #encode} did before its fast path (tests compare the two). */
    String encodeWithJsonb(Frame frame) {
        String fields = jsonb.toJson(frame);
        String type = "{\"type\":\"" + typeOf(frame) + "\"";
        return fields.length() <= 2 ? type + "}" : type + "," + fields.substring(1);
    }

    /**
     * Decodes one frame.
     *
     * @throws FrameException with {@link ErrorCode#BAD_FRAME} when the text is not one JSON object, has no known
     *                        {@code type}, or has a missing or invalid field
     */
    public Frame decode(String text) {
        return decode(text, true, true);
    }

    /** Decodes with JSON-B only, as {@link #decode} did before its fast path (tests compare the two). */
    Frame decodeWithJsonb(String text) {
        return decode(text, false, false);
    }

    /** Decodes with JSON-P's parser always, as {@link #decode} did before {@link FlatJson} (tests compare the two). */
    Frame decodeWithParser(String text) {
        return decode(text, false, true);
    }

    private Frame decode(String text, boolean flat, boolean fastPath) {
        if (flat) { // the everyday shape, read without JSON-P's parser; anything else is parsed below
            JsonObject object = FlatJson.parse(text);
            if (object != null && object.get("type") instanceof JsonString typeField) {
                Frame frame = FrameJson.decode(typeField.getString(), object);
                if (frame != null) {
                    return frame;
                }
            }
        }
        JsonObject object = parse(text);
        if (!(object.get("type") instanceof JsonString typeField)) {
            throw new FrameException(ErrorCode.BAD_FRAME, "missing field: type");
        }
        String type = typeField.getString();
        Class<? extends Frame> recordClass = BY_TYPE.get(type);
        if (recordClass == null) {
            throw new FrameException(ErrorCode.BAD_FRAME, "unknown frame type: " + abbreviate(type));
        }
        if (fastPath) {
            Frame frame = FrameJson.decode(type, object);
            if (frame != null) {
                return frame;
            }
        }
        try {
            return jsonb.fromJsonStructure(object, recordClass);
        } catch (JsonbException | JsonException | ClassCastException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof FrameException fe) {
                    throw fe;
                }
            }
            throw new FrameException(ErrorCode.BAD_FRAME, "invalid fields in " + type + " frame", e);
        }
    }

    /** Decodes a frame and checks it is one a client may send. */
    public Frame.ClientFrame decodeClientFrame(String text) {
        return switch (decode(text)) {
            case Frame.ClientFrame c -> c;
            case Frame.ServerFrame s -> throw new FrameException(ErrorCode.BAD_FRAME,
                    "frame type " + typeOf(s) + " is not one a client sends");
        };
    }

    /** Decodes a frame and checks it is one a server may send. */
    public Frame.ServerFrame decodeServerFrame(String text) {
        return switch (decode(text)) {
            case Frame.ServerFrame s -> s;
            case Frame.ClientFrame c -> throw new FrameException(ErrorCode.BAD_FRAME,
                    "frame type " + typeOf(c) + " is not one a server sends");
        };
    }

    /** The wire name of a frame's type. */
    public static String typeOf(Frame frame) {
        return TYPE_OF.get(frame.getClass());
    }

    private static JsonObject parse(String text) {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new FrameException(ErrorCode.BAD_FRAME, "malformed JSON: empty frame");
            }
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new FrameException(ErrorCode.BAD_FRAME, "a frame must be a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new FrameException(ErrorCode.BAD_FRAME, "malformed JSON: data after the object");
            }
            return object;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new FrameException(ErrorCode.BAD_FRAME, "malformed JSON", e);
        } catch (FrameException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson enforces its limits with bare exceptions: nesting deeper than 1,000 (RuntimeException), a
            // number of more than 1,100 characters (UnsupportedOperationException).
            throw new FrameException(ErrorCode.BAD_FRAME, "JSON nested too deeply or a number too long", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
