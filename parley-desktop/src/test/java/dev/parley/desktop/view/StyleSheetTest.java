package dev.parley.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Chinese, Japanese and Korean show wherever the system has any CJK font only if nothing pins a font family: JavaFX
 * then falls back through fontconfig to a font that has the character. A family named in the style sheet (one
 * without CJK glyphs) would turn them into boxes.
 */
class StyleSheetTest {
    @Test
    void theStyleSheetNamesNoFontFamilySoCjkFallsBackToTheSystemsFonts() throws IOException {
        String css;
        try (InputStream in = MainWindow.class.getResourceAsStream("parley.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(css).doesNotContain("-fx-font-family").doesNotContainPattern("-fx-font:\\s*[^;]*\"");
    }
}
