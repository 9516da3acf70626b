package dev.parley.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Finds fields in a JSON object held as bytes, without parsing it: enough for the flat frames of protocol v1, whose
 * string values the benchmark chooses itself (user ids, decimal ids, plain ASCII bodies). A key is matched with its
 * quotes and colon ({@code "id":}), so {@code localId} never matches {@code id}. Not a general JSON reader.
 */
final class JsonScan {
    private JsonScan() {
    }

    /** The quoted key pattern for {@link #valueStart}: {@code "name":}. */
    static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where the value of {@code key} starts (past the colon and any spaces, at the opening quote of a string), or -1.
     */
    static int valueStart(byte[] a, int off, int len, byte[] key) {
        int end = off + len - key.length;
        outer:
        for (int i = off; i <= end; i++) {
            for (int k = 0; k < key.length; k++) {
                if (a[i + k] != key[k]) {
                    continue outer;
                }
            }
            int v = i + key.length;
            while (v < off + len && a[v] == ' ') {
                v++;
            }
            return v;
        }
        return -1;
    }

    /** Whether the string value of {@code key} starts with {@code prefix}. */
    static boolean stringStartsWith(byte[] a, int off, int len, byte[] key, byte[] prefix) {
        int v = valueStart(a, off, len, key);
        if (v < 0 || v + 1 + prefix.length > off + len || a[v] != '"') {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (a[v + 1 + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decimal number at the start of the value of {@code key} after skipping {@code skip} characters of it (a
     * quote counts as one): {@code "msg":"n123 …"} with skip 2 is 123. -1 when absent or not a number.
     */
    static long number(byte[] a, int off, int len, byte[] key, int skip) {
        int v = valueStart(a, off, len, key);
        if (v < 0) {
            return -1;
        }
        int i = v + skip;
        int end = off + len;
        long value = 0;
        int digits = 0;
        while (i < end && a[i] >= '0' && a[i] <= '9') {
            value = value * 10 + (a[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The extent of a string value: {start, length} of its characters without the quotes, or null. No escapes. */
    static int[] string(byte[] a, int off, int len, byte[] key) {
        int v = valueStart(a, off, len, key);
        if (v < 0 || a[v] != '"') {
            return null;
        }
        int end = off + len;
        for (int i = v + 1; i < end; i++) {
            if (a[i] == '\\') {
                i++;
            } else if (a[i] == '"') {
                return new int[] {v + 1, i - v - 1};
            }
        }
        return null;
    }
}
