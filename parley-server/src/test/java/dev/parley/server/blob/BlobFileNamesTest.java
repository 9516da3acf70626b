package dev.parley.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client's file name is shown to others and may be saved by them: what is stored is safe to do both with. */
class BlobFileNamesTest {

    @Test
    void directoriesControlAndTextDirectionCharactersAreRemoved() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("C:\\Users\\leo\\Desktop\\report.pdf", "report.pdf"),
                Map.entry("../../etc/passwd", "passwd"),
                Map.entry("dir/", "file"),
                Map.entry("invoice\u202Egpj.exe", "invoicegpj.exe"),
                Map.entry("\u2067isolated\u2069.txt", "isolated.txt"),
                Map.entry("line\nbreak\u0000\u0085.txt", "linebreak.txt"),
                Map.entry("bom\uFEFF.txt", "bom.txt"),
                Map.entry("unpaired\uD800.txt", "unpaired.txt"),
                Map.entry("what?<>|*:\".txt", "what_______.txt"),
                Map.entry("..", "file"),
                Map.entry("", "file"),
                Map.entry("  spaced. . ", "spaced"),
                Map.entry(".hidden", ".hidden"),
                Map.entry("cafe\u0301.txt", "caf\u00e9.txt"),
                Map.entry("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.png",
                        "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.png"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(new NewBlob("leo", c.getKey(), "").filename()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void aLongNameIsCutTo255BytesKeepingItsExtensionAndWholeCharacters() {
        String chinese = new NewBlob("leo", "\u4e2d".repeat(200) + ".docx", "").filename();
        String emoji = new NewBlob("leo", "\uD83D\uDE00".repeat(100), "").filename();
        String oddExtension = new NewBlob("leo", "a".repeat(300) + "." + "b".repeat(40), "").filename();

        assertThat(chinese.getBytes(StandardCharsets.UTF_8).length).isEqualTo(3 * 83 + 5);
        assertThat(chinese).endsWith(".docx").startsWith("\u4e2d\u4e2d");
        assertThat(emoji).isEqualTo("\uD83D\uDE00".repeat(63)); // 4 bytes each, no half emoji
        assertThat(oddExtension).hasSize(255).startsWith("aaa"); // an "extension" of 41 characters is not kept
    }

    @Test
    void theOwnerMustBeACanonicalUserId() {
        for (String owner : new String[] {"Leo", "", "le o", "\u212Aelvin"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NewBlob(owner, "x", ""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
