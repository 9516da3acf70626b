package dev.parley.desktop.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds web links in a message's text: {@code http://} and {@code https://} addresses up to the next space, without
 * the punctuation that ends a sentence after them (a closing parenthesis only when it has no opening one in the link).
 * Nothing else becomes a link (no {@code file:}, no {@code javascript:}).
 */
final class Links {
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");
    private static final String TRAILING = ".,;:!?'\"";
    /** Where a long link may break across lines: after these characters (a zero-width space follows them on screen). */
    private static final String BREAK_AFTER = "/?&=#-_.~+%";
    /** Zero-width space: a line-break opportunity that takes no room. */
    static final char ZERO_WIDTH_SPACE = '\u200B';

    private Links() {
    }

    /** A run of a message's text; {@code link} when it is a web address. */
    record Run(String text, boolean link) {
    }

    /** The text as runs of plain text and links, in order; concatenated they give the text back. */
    static List<Run> split(String text) {
        List<Run> runs = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            int end = trimmedEnd(text, m.start(), m.end());
            if (end <= m.start() + "http://".length()) {
                continue;
            }
            if (m.start() > at) {
                runs.add(new Run(text.substring(at, m.start()), false));
            }
            runs.add(new Run(text.substring(m.start(), end), true));
            at = end;
        }
        if (at < text.length()) {
            runs.add(new Run(text.substring(at), false));
        }
        return runs;
    }

    /** The first link in {@code text}, or {@code ""}. */
    static String first(String text) {
        return split(text).stream().filter(Run::link).map(Run::text).findFirst().orElse("");
    }

    /** A link as shown: the same characters, with a zero-width space after each place it may break. */
    static String breakable(String link) {
        StringBuilder shown = new StringBuilder(link.length() + 16);
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            shown.append(c);
            if (BREAK_AFTER.indexOf(c) >= 0 && i + 1 < link.length() && i > "https://".length()) {
                shown.append(ZERO_WIDTH_SPACE);
            }
        }
        return shown.toString();
    }

    /** Text as copied: without the zero-width spaces added for display. */
    static String withoutBreaks(String shown) {
        return shown.replace(String.valueOf(ZERO_WIDTH_SPACE), "");
    }

    private static int trimmedEnd(String text, int start, int end) {
        int e = end;
        while (e > start) {
            char c = text.charAt(e - 1);
            if (TRAILING.indexOf(c) >= 0) {
                e--;
            } else if (c == ')' && count(text, start, e, '(') < count(text, start, e, ')')) {
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
