package dev.parley.server;

import java.util.Locale;

/**
 * An app key {@code org#app}: exactly two non-empty parts separated by {@code #}, compared case-insensitively.
 *
 * @param org the organisation name (lower case)
 * @param app the app name (lower case)
 */
public record AppKey(String org, String app) {
    /**
     * Parses an app key.
     *
     * @throws IllegalArgumentException "Invalid appKey" when it is not two non-empty {@code #}-separated parts of
     *                                  letters, digits, {@code -} and {@code _}
     */
    public static AppKey parse(String appKey) {
        String[] parts = appKey.split("#", -1);
        if (parts.length != 2 || !valid(parts[0]) || !valid(parts[1])) {
            throw new IllegalArgumentException("Invalid appKey: expected org#app, got '" + appKey + "'");
        }
        return new AppKey(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT));
    }

    private static boolean valid(String part) {
        return !part.isEmpty() && part.length() <= 64 && part.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    @Override
    public String toString() {
        return org + "#" + app;
    }
}
