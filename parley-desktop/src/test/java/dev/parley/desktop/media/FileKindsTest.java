package dev.parley.desktop.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How sizes, types and image headers are read and told. */
class FileKindsTest {
    @TempDir
    Path dir;

    @Test
    void sizesAreInHumanUnits() {
        assertThat(FileKinds.humanSize(0)).isEqualTo("0 bytes");
        assertThat(FileKinds.humanSize(1)).isEqualTo("1 byte");
        assertThat(FileKinds.humanSize(1023)).isEqualTo("1023 bytes");
        assertThat(FileKinds.humanSize(1024)).isEqualTo("1 KB");
        assertThat(FileKinds.humanSize(1536)).isEqualTo("1.5 KB");
        assertThat(FileKinds.humanSize(2_516_582)).isEqualTo("2.4 MB");
        assertThat(FileKinds.humanSize(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(FileKinds.humanSize(300_000)).isEqualTo("293 KB");
    }

    @Test
    void typesAreToldInWordsWithABadge() {
        assertThat(FileKinds.description("application/pdf", "a.pdf")).isEqualTo("PDF document");
        assertThat(FileKinds.description("application/octet-stream", "site.zip")).isEqualTo("ZIP archive");
        assertThat(FileKinds.description("image/jpeg", "cat.jpg")).isEqualTo("JPG image");
        assertThat(FileKinds.description("", "README")).isEqualTo("File");
        assertThat(FileKinds.badge("report.docx")).isEqualTo("DOCX");
        assertThat(FileKinds.badge("README")).isEqualTo("FILE");
        assertThat(FileKinds.kind("application/zip", "a.zip")).isEqualTo("archive");
        assertThat(FileKinds.kind("application/pdf", "a.pdf")).isEqualTo("document");
    }

    @Test
    void imageSizesAreReadFromHeadersAndOtherFilesAreNoImages() throws IOException {
        // a GIF header: 3 × 2
        Path gif = Files.write(dir.resolve("a.gif"), new byte[] {'G', 'I', 'F', '8', '9', 'a', 3, 0, 2, 0, 0, 0, 0});
        assertThat(PixelSize.of(gif)).contains(new PixelSize(3, 2));
        // a JPEG: SOI, an APP0 segment, then SOF0 with height 480 and width 640
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 4, 1, 2, (byte) 0xff, (byte) 0xc0, 0, 11,
                8, 0x01, (byte) 0xe0, 0x02, (byte) 0x80, 3};
        assertThat(PixelSize.of(Files.write(dir.resolve("a.jpg"), jpeg))).contains(new PixelSize(640, 480));
        assertThat(PixelSize.of(Files.writeString(dir.resolve("a.png"), "not a png at all, just text"))).isEmpty();
        assertThat(MediaCache.safeName("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(MediaCache.safeName("..")).isEqualTo("file");
    }
}
