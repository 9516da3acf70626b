package dev.parley.desktop.live;

import java.util.List;

/** The words under a conversation's title while people type in it. Pure; any thread. */
public final class TypingText {
    private TypingText() {
    }

    /**
     * "roy is typing…", "roy and amy are typing…", "3 people are typing…", or {@code ""} when nobody is.
     *
     * @param names the display names of who is typing, in the order they started
     */
    public static String of(List<String> names) {
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> names.getFirst() + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            default -> names.size() + " people are typing…";
        };
    }
}
