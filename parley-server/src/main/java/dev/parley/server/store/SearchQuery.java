package dev.parley.server.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message search looks for: the words of the query, each to be found in a message's text (or its file's name)
 * as a substring, case-insensitively, all of them. Words of three characters or more go through the full-text index;
 * shorter ones (a two-character Chinese word, say) are matched on the messages that the longer ones found, or on the
 * user's messages when there is no longer word.
 *
 * @param terms the query's words, lower case, without duplicates
 */
public record SearchQuery(List<String> terms) {
    /** The longest query, in characters. */
    public static final int MAX_LENGTH = 200;
    /** The shortest word the trigram index finds. */
    static final int INDEXED_LENGTH = 3;

    public SearchQuery {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one word");
        }
    }

    /** The words of {@code q}, if it has any and is not too long. */
    public static Optional<SearchQuery> parse(String q) {
        if (q == null || q.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        List<String> terms = Arrays.stream(q.strip().toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(t -> !t.isEmpty()).distinct().toList();
        return terms.isEmpty() ? Optional.empty() : Optional.of(new SearchQuery(terms));
    }

    /** The words the index can find. */
    List<String> indexed() {
        return terms.stream().filter(t -> t.codePointCount(0, t.length()) >= INDEXED_LENGTH).toList();
    }

    /** The words too short for the index. */
    List<String> unindexed() {
        List<String> shorter = new ArrayList<>(terms);
        shorter.removeAll(indexed());
        return shorter;
    }

    /** The FTS5 expression for the indexed words: each one a quoted phrase, all of them required. */
    String ftsExpression() {
        return String.join(" AND ", indexed().stream().map(t -> '"' + t.replace("\"", "\"\"") + '"').toList());
    }

    /** A LIKE pattern that finds {@code term} anywhere (with {@code ESCAPE '\'}). */
    static String likePattern(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Whether {@code text} holds every word (the in-memory store's search). */
    boolean matches(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return terms.stream().allMatch(lower::contains);
    }

    /** The text a message is found by: its text as it reads now, or its file's name. */
    static String searchable(StoredMessage m) {
        return switch (m.content()) {
            case dev.parley.protocol.Content.Text t -> m.currentText();
            case dev.parley.protocol.Content.Image i -> i.file().filename();
            case dev.parley.protocol.Content.File f -> f.file().filename();
            default -> "";
        };
    }
}
