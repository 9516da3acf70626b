package dev.parley.server;

import java.util.Locale;
import java.util.Optional;

/** User ids: 1–64 characters of {@code a-z 0-9 _ - .}, case-insensitive ("Leo" is {@code leo}). */
public final class UserIds {
    /** The longest user id. */
    public static final int MAX_LENGTH = 64;

    private UserIds() {
    }

    /**
     * The canonical (lower-case) form of {@code raw}, if it is a valid user id. The raw text is checked first, against
     * ASCII letters only, and only then lower-cased: lower-casing first would turn the Kelvin sign (U+212A) into
     * {@code k} and the dotted capital I (U+0130) into {@code i} plus a combining dot, so that look-alike names would
     * pass, or name someone else.
     */
    public static Optional<String> normalize(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(raw.toLowerCase(Locale.ROOT));
    }
}
