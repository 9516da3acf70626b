package dev.parley.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a message are links, and how a long link may break. */
class LinksTest {
    @Test
    void webAddressesAreLinksWithoutTheSentencesPunctuation() {
        assertThat(Links.split("See https://example.com/a?b=1. Then (http://x.org/wiki/Foo_(bar)) too!"))
                .containsExactly(new Links.Run("See ", false), new Links.Run("https://example.com/a?b=1", true),
                        new Links.Run(". Then (", false), new Links.Run("http://x.org/wiki/Foo_(bar)", true),
                        new Links.Run(") too!", false));
        assertThat(Links.first("no link here")).isEmpty();
    }

    @Test
    void onlyHttpAndHttpsAreLinks() {
        assertThat(Links.split("file:///etc/passwd javascript:alert(1) ftp://x.org"))
                .containsExactly(new Links.Run("file:///etc/passwd javascript:alert(1) ftp://x.org", false));
    }

    @Test
    void aLongLinkMayBreakAfterItsSeparatorsAndIsCopiedWithoutTheBreaks() {
        String link = "https://example.com/one/two?x=1&y=2";
        String shown = Links.breakable(link);
        assertThat(shown).contains("/\u200Bone/\u200Btwo?\u200Bx=\u200B1&\u200By=\u200B2");
        assertThat(Links.withoutBreaks(shown)).isEqualTo(link);
        assertThat(List.of(Links.split("a " + link).getLast().text())).containsExactly(link);
    }
}
