package dev.parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable byte builder for frames made by hand: ASCII text, decimal numbers and copied byte ranges, with no
 * intermediate strings. One thread uses an instance at a time.
 */
final class Bytes {
    private byte[] data = new byte[512];
    private int length;

    Bytes clear() {
        length = 0;
        return this;
    }

    /** Appends an ASCII string (every character below 128). */
    Bytes ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            data[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a non-negative decimal number. */
    Bytes number(long value) {
        if (value == 0) {
            ensure(1);
            data[length++] = '0';
            return this;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            data[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    Bytes bytes(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, data, length, count);
        length += count;
        return this;
    }

    byte[] array() {
        return data;
    }

    int length() {
        return length;
    }

    @Override
    public String toString() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
        }
    }
}
