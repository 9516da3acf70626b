package dev.parley.server.account;

import java.util.Optional;

/**
 * What a nickname may hold: 1–64 code points of printable text. Control characters (C0, DEL, C1), line and paragraph
 * separators, unpaired surrogates and the bidirectional formatting characters are refused: the overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and the marks (U+200E, U+200F, U+061C) can make a name display as another
 * one, or reorder the text shown after it. Joiners and variation selectors stay allowed (emoji need them).
 */
final class Nicknames {
    /** The longest nickname, in code points. */
    static final int MAX_CODE_POINTS = 64;

    private Nicknames() {
    }

    /** Why {@code nickname} is refused, if it is; an empty nickname is refused too (callers decide if it may be). */
    static Optional<String> problem(String nickname) {
        int count = nickname.codePointCount(0, nickname.length());
        if (count < 1 || count > MAX_CODE_POINTS) {
            return Optional.of("nickname must be 1-" + MAX_CODE_POINTS + " characters");
        }
        for (int i = 0; i < nickname.length(); ) {
            int cp = nickname.codePointAt(i);
            i += Character.charCount(cp);
            if (refused(cp)) {
                return Optional.of(String.format("nickname must not contain U+%04X (control or text-direction character)",
                        cp));
            }
        }
        return Optional.empty();
    }

    private static boolean refused(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                    || cp == 0x200E || cp == 0x200F || cp == 0x061C;
        };
    }
}
