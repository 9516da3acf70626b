package dev.parley.desktop.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.emoji.EmojiSegmenter.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Emoji sequences are found whole in text, with the bundled set's table, and nothing else is taken for one. */
class EmojiSegmenterTest {
    private static final EmojiSet SET = EmojiSet.bundled();

    private static List<Run> split(String text) {
        return SET.segmenter().split(text);
    }

    private static List<String> emoji(String text) {
        return split(text).stream().filter(Run::emoji).map(Run::text).toList();
    }

    @Test
    void plainTextIsOneRunAndDigitsOrCopyrightSignsAreNotEmoji() {
        assertThat(split("Meet at 10 #3, © 2026 — 你好")).containsExactly(new Run("Meet at 10 #3, © 2026 — 你好", false));
    }

    @Test
    void textAroundAnEmojiStaysAsItWasAndJoiningTheRunsGivesTheTextBack() {
        String text = "Lunch? 🍕 at noon 👍";
        assertThat(split(text)).containsExactly(new Run("Lunch? ", false), new Run("🍕", true),
                new Run(" at noon ", false), new Run("👍", true));
        assertThat(String.join("", split(text).stream().map(Run::text).toList())).isEqualTo(text);
    }

    @Test
    void zeroWidthJoinerSequencesSkinTonesFlagsAndKeycapsAreOnePictureEach() {
        String family = "👨\u200D👩\u200D👧";
        String coder = "👩🏽\u200D💻";
        String thumbs = "👍🏿";
        String germany = "🇩🇪";
        String france = "🇫🇷";
        String scotland = "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
        String keycap = "#\uFE0F\u20E3";
        String rainbowFlag = "🏳\uFE0F\u200D🌈";
        assertThat(emoji(family + coder + thumbs + germany + france + scotland + keycap + rainbowFlag))
                .containsExactly(family, coder, thumbs, germany, france, scotland, keycap, rainbowFlag);
        assertThat(SET.image(family)).isPresent();
        assertThat(SET.find(coder).orElseThrow().image()).isEqualTo("1f469-1f3fd-200d-1f4bb");
    }

    @Test
    void aTextStyleEmojiIsAPictureOnlyWithTheVariationSelector() {
        assertThat(emoji("I ❤ it")).isEmpty();
        assertThat(emoji("I ❤\uFE0F it")).containsExactly("❤\uFE0F");
        assertThat(emoji("☺\uFE0F and ☺")).containsExactly("☺\uFE0F");
    }

    @Test
    void anUnknownJoinedSequenceFallsApartIntoTheEmojiItJoins() {
        assertThat(emoji("🍕\u200D🍕")).containsExactly("🍕", "🍕");
    }
}
