package dev.parley.server.rest;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * JSON bodies through JSON-P (Parsson), as the rest of the server reads and writes JSON: request bodies as a
 * {@link JsonObject}, answers as any {@link JsonValue}, UTF-8. A body that is not JSON, or not an object, is 400
 * {@code json_parse}. (Which bodies must be JSON at all, and in which charset, is {@link RequireJson}'s.)
 * <p>
 * Threading: stateless; the provider is looked up once ({@code Json.createX} would search on every call).
 */
final class JsonBodies implements MessageBodyReader<JsonObject>, MessageBodyWriter<JsonValue> {
    static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type generic, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        return parse(entity.readAllBytes());
    }

    /** The JSON object in {@code bytes}; 400 {@code json_parse} when they are not one. */
    static JsonObject parse(byte[] bytes) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException e) {
            throw new HttpError(400, "json_parse", "the body is not valid JSON");
        }
        throw new HttpError(400, "json_parse", "the body must be a JSON object");
    }

    @Override
    public boolean isWriteable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
        return JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonValue value, Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
        try (JsonWriter writer = JSON.createWriter(new NonClosing(entity))) {
            writer.write(value);
        }
    }

    /** Jersey closes the entity stream itself; the JSON writer must not close it first. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
