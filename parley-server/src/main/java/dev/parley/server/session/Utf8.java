package dev.parley.server.session;

/** UTF-8 lengths, counted without encoding. */
final class Utf8 {
    private Utf8() {
    }

    /** The UTF-8 length of {@code s} (a lone surrogate counts as 3, as it is encoded). */
    static int length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n += 1;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
