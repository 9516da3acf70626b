package dev.parley.desktop.service;

/** What the server accepts as a user id: 1–64 characters of {@code a-z 0-9 _ - .} (case does not matter). */
public final class UserIdRules {
    static final int MAX_LENGTH = 64;

    private UserIdRules() {
    }

    public static boolean isValid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = Character.toLowerCase(id.charAt(i));
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
