package dev.parley.desktop.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Reading a chosen picture: its size from the header, small pictures as they are, large ones scaled down. */
class PictureTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void headersTellTheSizeOfPngAndJpeg() {
        assertThat(ImageHeaders.size(PngEncoder.encode(new int[6], 3, 2))).containsExactly(3, 2);
        // SOI, an APP0 segment of 16 bytes, then a baseline frame header: 8 bits, height 480, width 640.
        byte[] jpeg = new byte[2 + 18 + 19];
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        jpeg[3] = (byte) 0xe0;
        jpeg[5] = 16;
        int sof = 2 + 18;
        jpeg[sof] = (byte) 0xff;
        jpeg[sof + 1] = (byte) 0xc0;
        jpeg[sof + 3] = 17;
        jpeg[sof + 4] = 8;
        jpeg[sof + 5] = 0x01;
        jpeg[sof + 6] = (byte) 0xe0;
        jpeg[sof + 7] = 0x02;
        jpeg[sof + 8] = (byte) 0x80;
        assertThat(ImageHeaders.size(jpeg)).containsExactly(640, 480);
        assertThat(ImageHeaders.size("not a picture".getBytes())).isNull();
    }

    @Test
    void aSmallPictureKeepsItsSizeAndALargeOneIsScaledDown(@TempDir Path dir) throws IOException {
        Path small = Files.write(dir.resolve("small.png"), PngEncoder.encode(new int[40 * 30], 40, 30));
        Path large = Files.write(dir.resolve("large.png"), PngEncoder.encode(new int[3000 * 1000], 3000, 1000));

        Picture s = Picture.read(small);
        Picture l = Picture.read(large);

        assertThat(s.width()).isEqualTo(40);
        assertThat(s.height()).isEqualTo(30);
        assertThat(l.width()).isEqualTo(Picture.MAX_EDGE);
        assertThat(l.height()).isBetween(682, 683);
        assertThat(l.initialSquare().side()).isEqualTo(l.height());
    }

    @Test
    void aFileThatIsNotAPictureIsToldAsASentence(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "hello");

        assertThatThrownBy(() -> Picture.read(text)).isInstanceOf(IOException.class)
                .hasMessage("This file is not a PNG or JPEG picture.");
        assertThatThrownBy(() -> Picture.read(dir.resolve("missing.png"))).isInstanceOf(IOException.class)
                .hasMessage("The file missing.png cannot be read.");
    }
}
