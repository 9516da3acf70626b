package dev.parley.server.http;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every HTTP answer of the server shares: the standard reason phrases (Grizzly knows none for 426 and 429 and
 * would send "CUSTOM"), and the JSON error body {@code {"error","error_description","timestamp","duration"}}.
 */
public final class HttpAnswers {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(204, "No Content"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"),
            Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(426, "Upgrade Required"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    private HttpAnswers() {
    }

    /** The standard reason phrase of {@code status} (RFC 9110, RFC 6585), or "Unknown". */
    public static String reasonPhrase(int status) {
        return PHRASES.getOrDefault(status, "Unknown");
    }

    /** Whether Parley knows a standard phrase for {@code status}. */
    public static boolean knows(int status) {
        return PHRASES.containsKey(status);
    }

    /** The JSON error body, UTF-8. */
    public static byte[] errorBody(String error, String description) {
        return errorBody(error, description, 0);
    }

    /** An error body with the Agora error number {@code code} as well (left out when 0). */
    public static byte[] errorBody(String error, String description, int code) {
        var body = JSON.createObjectBuilder()
                .add("error", error)
                .add("error_description", description)
                .add("timestamp", System.currentTimeMillis())
                .add("duration", 0);
        if (code != 0) {
            body.add("code", code);
        }
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
