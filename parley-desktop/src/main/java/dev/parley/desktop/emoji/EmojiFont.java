package dev.parley.desktop.emoji;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import javafx.scene.text.Font;

/**
 * The monochrome fallback font for emoji in text fields (the composer is a {@code TextArea}, which cannot hold
 * pictures): Google's Noto Emoji (SIL Open Font License 1.1), bundled beside this class. Once registered with
 * {@link Font#loadFont}, JavaFX's text engine falls back to it for any character the UI font lacks, so an emoji is
 * drawn in outline rather than as an empty box on a system without emoji fonts. Its layout does not join sequences:
 * in a text field a skin tone shows after its hand and a flag as two letters; messages and previews show the
 * joined pictures ({@link EmojiSet}).
 */
public final class EmojiFont {
    private static final System.Logger LOG = System.getLogger(EmojiFont.class.getName());
    /** The family name of the bundled font. */
    public static final String FAMILY = "Noto Emoji";
    private static volatile boolean registered;

    private EmojiFont() {
    }

    /**
     * Registers the font with JavaFX once per process (JavaFX's font registry is itself process-wide). A font that
     * cannot be read is logged; text fields then show what the system's fonts have.
     */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        registered = true;
        try (InputStream in = EmojiFont.class.getResourceAsStream("NotoEmoji-Regular.ttf")) {
            Font font = in == null ? null : Font.loadFont(in, 14);
            if (font == null) {
                LOG.log(Level.WARNING, "the emoji font could not be loaded: emoji in text fields may show as boxes");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the emoji font could not be read: {0}", e.getMessage());
        }
    }
}
