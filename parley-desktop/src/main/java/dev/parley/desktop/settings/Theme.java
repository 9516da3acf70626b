package dev.parley.desktop.settings;

import java.util.Locale;
import java.util.Optional;

/** The window's colour theme (AtlantaFX Primer light or dark). */
public enum Theme {
    /** Dark text on light backgrounds. */
    LIGHT,
    /** Light text on dark backgrounds. */
    DARK;

    /** The other theme. */
    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The theme named {@code light} or {@code dark} (any case). */
    public static Optional<Theme> parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "light" -> Optional.of(LIGHT);
            case "dark" -> Optional.of(DARK);
            default -> Optional.empty();
        };
    }
}
