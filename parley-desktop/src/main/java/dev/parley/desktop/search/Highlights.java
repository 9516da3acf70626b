package dev.parley.desktop.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits a message's text into runs, marking every place where a word of the query occurs (any case, as the server
 * searches: a query of several words marks each; Chinese, Japanese and Korean are matched as substrings). Overlapping
 * or touching matches become one run. Pure; any thread.
 */
public final class Highlights {
    private Highlights() {
    }

    /**
     * One run of text, highlighted or not.
     *
     * @param text  the characters of the run, never empty
     * @param match whether they match the query
     */
    public record Run(String text, boolean match) {
        public Run {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code text} as runs, the matches of {@code query}'s words marked; one plain run when nothing matches. */
    public static List<Run> runs(String text, String query) {
        boolean[] marked = new boolean[text.length()];
        for (String word : words(query)) {
            for (int at = 0; at + word.length() <= text.length(); at++) {
                if (text.regionMatches(true, at, word, 0, word.length())) {
                    Arrays.fill(marked, at, at + word.length(), true);
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || marked[i] != marked[start]) {
                runs.add(new Run(text.substring(start, i), marked[start]));
                start = i;
            }
        }
        return runs;
    }

    /** The matched substrings of {@code text}, in order (what a user sees in bold). */
    public static List<String> matches(String text, String query) {
        return runs(text, query).stream().filter(Run::match).map(Run::text).toList();
    }

    private static List<String> words(String query) {
        return Arrays.stream(query.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
