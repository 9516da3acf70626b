package dev.parley.desktop.emoji;

/**
 * One emoji of the bundled set.
 *
 * @param text     the emoji as text (its code points, with U+FE0F where the set has it)
 * @param name     its name in English, lowercase ({@code "thumbs up sign"}); {@code ""} for skin-tone variants
 * @param category its category in the picker ({@code "Smileys & Emotion"}); {@code ""} when not in the picker
 * @param image    the name of its picture (its code points, such as {@code 1f44d-1f3fd})
 */
public record Emoji(String text, String name, String category, String image) {
}
