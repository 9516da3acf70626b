package dev.parley.desktop.emoji;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits text into plain runs and emoji: whole emoji sequences, each of which is one picture. A sequence is an emoji
 * followed by what belongs to it: the emoji variation selector (U+FE0F), a keycap (U+20E3), a skin tone
 * (U+1F3FB–1F3FF), tag characters (subdivision flags such as Scotland's), and further emoji joined by a zero-width
 * joiner (U+200D, as in 👩‍💻 or 👨‍👩‍👧); two regional indicators make one flag. Of such a run, the longest prefix that
 * is a known emoji is taken (a joined sequence that has no picture of its own falls apart into the emoji it joins).
 * Emoji whose default presentation is text (❤, ☺, ©) are pictures only when followed by U+FE0F, as Unicode says.
 * Immutable, any thread.
 */
public final class EmojiSegmenter {
    private static final int VS16 = 0xFE0F;
    private static final int ZWJ = 0x200D;
    private static final int KEYCAP = 0x20E3;

    private final Set<String> keys;
    private final Set<String> textByDefault;
    private final Set<Integer> starts;

    /**
     * A segmenter for the emoji with these keys ({@link #keyOf}).
     *
     * @param keys          every known emoji sequence
     * @param textByDefault the keys of single emoji that are pictures only when followed by U+FE0F
     */
    public EmojiSegmenter(Set<String> keys, Set<String> textByDefault) {
        this.keys = Set.copyOf(keys);
        this.textByDefault = Set.copyOf(textByDefault);
        this.starts = keys.stream().map(k -> Integer.parseInt(k.split("-")[0], 16)).collect(Collectors.toSet());
    }

    /** A run of text: plain, or one emoji sequence. */
    public record Run(String text, boolean emoji) {
    }

    /** {@code text} as plain runs and emoji, in order; joined they give {@code text} back. */
    public List<Run> split(String text) {
        List<Run> runs = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = starts.contains(cp) ? match(text, i) : -1;
            if (end < 0) {
                plain.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            if (!plain.isEmpty()) {
                runs.add(new Run(plain.toString(), false));
                plain.setLength(0);
            }
            runs.add(new Run(text.substring(i, end), true));
            i = end;
        }
        if (!plain.isEmpty()) {
            runs.add(new Run(plain.toString(), false));
        }
        return runs;
    }

    /** Whether {@code text} has an emoji that {@link #split} would make a picture. */
    public boolean hasEmoji(String text) {
        return split(text).stream().anyMatch(Run::emoji);
    }

    /** The end of the longest known emoji sequence that starts at {@code start}, or -1 if none does. */
    private int match(String text, int start) {
        List<Integer> ends = candidateEnds(text, start);
        for (int k = ends.size() - 1; k >= 0; k--) {
            String sequence = text.substring(start, ends.get(k));
            String key = keyOf(sequence);
            if (keys.contains(key) && (sequence.indexOf(VS16) >= 0 || !textByDefault.contains(key))) {
                return ends.get(k);
            }
        }
        return -1;
    }

    /** Where a sequence starting at {@code start} could end, shortest first. */
    private static List<Integer> candidateEnds(String text, int start) {
        List<Integer> ends = new ArrayList<>();
        int first = text.codePointAt(start);
        int j = start + Character.charCount(first);
        ends.add(j);
        boolean flag = isRegionalIndicator(first);
        while (j < text.length()) {
            int next = text.codePointAt(j);
            if (next == VS16 || next == KEYCAP || isSkinTone(next) || isTag(next)) {
                j += Character.charCount(next);
            } else if (flag && isRegionalIndicator(next) && ends.size() == 1) {
                j += Character.charCount(next);
            } else if (next == ZWJ && j + 1 < text.length()) {
                int joined = text.codePointAt(j + 1);
                j += 1 + Character.charCount(joined);
            } else {
                break;
            }
            ends.add(j);
        }
        return ends;
    }

    /**
     * The key of an emoji sequence: its code points in lowercase hexadecimal, joined by '-', without U+FE0F (so that
     * a sequence is found whether or not the sender's keyboard put the selector in).
     */
    public static String keyOf(String sequence) {
        return sequence.codePoints().filter(cp -> cp != VS16).mapToObj(Integer::toHexString)
                .collect(Collectors.joining("-"));
    }

    /** The text of a sequence given as hexadecimal code points joined by '-' (an image's name, such as 1f44d-1f3fd). */
    public static String textOf(String codePoints) {
        StringBuilder text = new StringBuilder();
        for (String part : codePoints.split("-")) {
            text.appendCodePoint(Integer.parseInt(part, 16));
        }
        return text.toString();
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
