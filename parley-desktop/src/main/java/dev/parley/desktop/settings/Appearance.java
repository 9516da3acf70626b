package dev.parley.desktop.settings;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The theme in use, remembered in the {@link Settings}. The window applies it; view models toggle it.
 * FX thread only.
 */
public final class Appearance {
    private final ObjectProperty<Theme> theme;
    private final StringBinding toggleText;

    /** Starts with {@code initial} and saves every change to {@code settings}. */
    public Appearance(Settings settings, Theme initial) {
        Objects.requireNonNull(settings, "settings");
        this.theme = new SimpleObjectProperty<>(this, "theme", Objects.requireNonNull(initial, "initial"));
        theme.addListener((o, old, now) -> settings.setTheme(now));
        this.toggleText = Bindings.createStringBinding(
                () -> theme.get() == Theme.LIGHT ? "Dark theme" : "Light theme", theme);
    }

    /** The text of a button that switches the theme: "Dark theme" or "Light theme". */
    public StringBinding toggleTextBinding() {
        return toggleText;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(Objects.requireNonNull(value, "value"));
    }

    /** Switches between light and dark. */
    public void toggle() {
        setTheme(getTheme().toggled());
    }
}
