package dev.parley.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads the shape almost every frame of a conversation's traffic has, without JSON-P's parser: one object whose
 * values are strings, whole numbers, or an empty object ({@code "ext":{}}). Under load the parser's tokenizer, builder
 * and map were a sixth of the server's allocation (docs/benchmarks.md).
 * <p>
 * It accepts only text that is valid JSON of that shape and reads it as JSON-P would; for anything else (a nested
 * object that is not empty, an array, {@code true}, {@code false} or {@code null}, a fraction or exponent, a number
 * of more than 18 digits, {@code -0}, an escape in a key, a key given twice, an empty object, anything malformed) it
 * returns {@code null} and the caller parses with JSON-P, which also words every refusal. So what is decoded and what
 * is refused does not depend on which reader read it ({@code FrameCodecFastPathTest} checks both on generated frames).
 * Stateless.
 */
final class FlatJson {
    private static final JsonProvider JSON = JsonProvider.provider();
    /** More fields than a frame of this shape has: such a text goes to JSON-P. */
    private static final int MAX_FIELDS = 16;
    /** The keys of the everyday frames, given as these strings instead of a new one per frame. */
    private static final String[] KNOWN_KEYS = {"type", "id", "localId", "to", "from", "chatType", "msgType", "msg",
        "ext", "time", "t"};

    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** The object, or {@code null} when the text is not of the flat shape (JSON-P then reads it). */
    static JsonObject parse(String text) {
        return new FlatJson(text).object();
    }

    private JsonObject object() {
        skipSpace();
        if (!take('{')) {
            return null;
        }
        String[] keys = new String[8];
        JsonValue[] values = new JsonValue[8];
        int n = 0;
        skipSpace();
        if (peek() == '}') {
            return null; // {}: no type; JSON-P's path says so
        }
        while (true) {
            if (n == keys.length) {
                if (n == MAX_FIELDS) {
                    return null;
                }
                keys = Arrays.copyOf(keys, MAX_FIELDS);
                values = Arrays.copyOf(values, MAX_FIELDS);
            }
            skipSpace();
            String key = plainKey();
            if (key == null) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (keys[i].equals(key)) {
                    return null;
                }
            }
            skipSpace();
            if (!take(':')) {
                return null;
            }
            skipSpace();
            JsonValue value = value();
            if (value == null) {
                return null;
            }
            keys[n] = key;
            values[n] = value;
            n++;
            skipSpace();
            if (take(',')) {
                continue;
            }
            if (!take('}')) {
                return null;
            }
            skipSpace();
            return at == text.length() ? new FlatObject(keys, values, n) : null;
        }
    }

    private JsonValue value() {
        char c = peek();
        if (c == '"') {
            String s = string();
            return s == null ? null : JSON.createValue(s);
        }
        if (c == '{') {
            at++;
            skipSpace();
            return take('}') ? JsonValue.EMPTY_JSON_OBJECT : null;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        return null;
    }

    /** A whole number as JSON writes it: no leading zero, no fraction or exponent, at most 18 digits, not -0. */
    private JsonValue number() {
        int start = at;
        boolean negative = take('-');
        int digits = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        int count = at - digits;
        if (count == 0 || count > 18 || (count > 1 && text.charAt(digits) == '0')) {
            return null;
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            return null;
        }
        long value = Long.parseLong(text, start, at, 10);
        if (negative && value == 0) {
            return null;
        }
        return JSON.createValue(value);
    }

    /** A key without escapes. */
    private String plainKey() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                int length = at++ - start;
                for (String known : KNOWN_KEYS) {
                    if (known.length() == length && text.startsWith(known, start)) {
                        return known;
                    }
                }
                return text.substring(start, start + length);
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            at++;
        }
        return null;
    }

    /** A string value, its escapes read as RFC 8259 says; {@code null} for a control character or a bad escape. */
    private String string() {
        at++; // the opening quote
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20) {
                return null;
            }
            at++;
        }
        return null;
    }

    private String escaped(int start) {
        StringBuilder out = new StringBuilder(text.length() - start).append(text, start, at);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                return null;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        return null;
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** The object read: its fields in text order, looked up by a scan (a frame has a handful). Immutable. */
    private static final class FlatObject extends AbstractMap<String, JsonValue> implements JsonObject {
        private final String[] keys;
        private final JsonValue[] values;
        private final int size;

        FlatObject(String[] keys, JsonValue[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        @Override
        public JsonValue get(Object key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Entry<String, JsonValue>> entrySet() { // for equals and toString; a lookup scans the arrays
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, JsonValue>> iterator() {
                    return IntStream.range(0, size).mapToObj(i -> Map.entry(keys[i], values[i])).iterator();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        @Override
        public JsonArray getJsonArray(String name) {
            return (JsonArray) get(name);
        }

        @Override
        public JsonObject getJsonObject(String name) {
            return (JsonObject) get(name);
        }

        @Override
        public JsonNumber getJsonNumber(String name) {
            return (JsonNumber) get(name);
        }

        @Override
        public JsonString getJsonString(String name) {
            return (JsonString) get(name);
        }

        @Override
        public String getString(String name) {
            return getJsonString(name).getString();
        }

        @Override
        public String getString(String name, String defaultValue) {
            return get(name) instanceof JsonString s ? s.getString() : defaultValue;
        }

        @Override
        public int getInt(String name) {
            return getJsonNumber(name).intValue();
        }

        @Override
        public int getInt(String name, int defaultValue) {
            return get(name) instanceof JsonNumber n ? n.intValue() : defaultValue;
        }

        @Override
        public boolean getBoolean(String name) {
            JsonValue value = get(name);
            if (value == null) {
                throw new NullPointerException("no field " + name);
            }
            throw new ClassCastException(name + " is not a boolean"); // this shape has no booleans
        }

        @Override
        public boolean getBoolean(String name, boolean defaultValue) {
            return defaultValue;
        }

        @Override
        public boolean isNull(String name) {
            if (get(name) == null) {
                throw new NullPointerException("no field " + name);
            }
            return false; // this shape has no nulls
        }

        @Override
        public ValueType getValueType() {
            return ValueType.OBJECT;
        }

        @Override
        public String toString() {
            return JSON.createObjectBuilder(this).build().toString();
        }
    }
}
