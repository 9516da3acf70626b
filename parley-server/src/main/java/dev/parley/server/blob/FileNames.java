package dev.parley.server.blob;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Makes a client's file name safe to store and show. The name is never used as a path on the server (files are
 * stored under their uuid); the rules protect whoever sees or saves it: no directory part, nothing that reorders the
 * text around it (the {@code "invoice\u202Egpj.exe"} trick), no control characters, nothing Windows refuses in a
 * name, and a length every file system takes.
 */
final class FileNames {
    /** The longest name in UTF-8 bytes, the limit of ext4, APFS and NTFS alike. */
    static final int MAX_BYTES = 255;
    /** The longest extension (with its dot, in code points) kept whole when a long name is cut. */
    static final int MAX_EXTENSION = 16;
    /** What an empty name becomes. */
    static final String FALLBACK = "file";

    private FileNames() {
    }

    /** The safe form of {@code raw}; see {@link NewBlob#filename()} for the rules. */
    static String sanitize(String raw) {
        String last = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        String normalized = Normalizer.normalize(last, Normalizer.Form.NFC);
        StringBuilder name = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (refused(cp)) {
                continue;
            }
            name.appendCodePoint("<>:\"|?*".indexOf(cp) >= 0 ? '_' : cp);
        }
        String trimmed = strip(name.toString());
        if (trimmed.isEmpty()) {
            return FALLBACK;
        }
        return cut(trimmed);
    }

    /** Without leading and trailing white space, nor trailing dots (Windows drops them, {@code ..} is not a name). */
    private static String strip(String name) {
        String s = name.strip();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code name} cut to {@link #MAX_BYTES} at a code point boundary, keeping a short extension. */
    private static String cut(String name) {
        if (utf8(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.codePointCount(dot, name.length()) <= MAX_EXTENSION
                ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - utf8(extension);
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = utf8(Character.toString(cp));
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept + extension;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Control characters, line and paragraph separators, unpaired surrogates and the text-direction characters. */
    private static boolean refused(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                    || cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF;
        };
    }
}
