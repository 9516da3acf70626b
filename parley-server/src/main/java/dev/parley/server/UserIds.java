package dev.parley.server;

import java.util.Locale;
import java.util.Optional;

/** User ids: 1–64 characters of {@code a-z 0-9 _ - .}, case-insensitive ("Leo" is {@code leo}). */
public final class UserIds {
    /** The longest user id. */
    public static final int MAX_LENGTH = 64;

    private UserIds() {
    }

    /** The canonical (lower-case) form of {@code raw}, if it is a valid user id. */
    public static Optional<String> normalize(String raw) {
        String id = raw.toLowerCase(Locale.ROOT);
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }
}
