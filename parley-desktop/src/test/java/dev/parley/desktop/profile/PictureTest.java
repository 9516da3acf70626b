package dev.parley.desktop.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.Image;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Reading a chosen picture (small ones as they are, large ones scaled down) and writing the avatar: the file JavaFX
 * reads back has exactly the scaled square's pixels.
 */
class PictureTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSmallPictureKeepsItsSizeAndALargeOneIsScaledDown(@TempDir Path dir) throws IOException {
        Path small = TestPictures.png(dir.resolve("small.png"), new int[40 * 30], 40, 30);
        Path large = TestPictures.png(dir.resolve("large.png"), new int[3000 * 1000], 3000, 1000);

        Picture s = Picture.read(small);
        Picture l = Picture.read(large);

        assertThat(s.width()).isEqualTo(40);
        assertThat(s.height()).isEqualTo(30);
        assertThat(l.width()).isEqualTo(Picture.MAX_EDGE);
        assertThat(l.height()).isBetween(682, 683);
        assertThat(l.initialSquare().side()).isEqualTo(l.height());
    }

    @Test
    void theAvatarFileHoldsTheScaledSquarePixelForPixel(@TempDir Path dir) throws IOException {
        // A gradient with a transparent band, so that every pixel differs and alpha is kept.
        int w = 300;
        int h = 200;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int x = i % w;
            int y = i / w;
            argb[i] = (y < 20 ? 0 : 0xff) << 24 | (x & 0xff) << 16 | (y & 0xff) << 8 | ((x + y) & 0xff);
        }
        Picture picture = Picture.read(TestPictures.png(dir.resolve("in.png"), argb, w, h));
        CropSquare square = new CropSquare(30, 0, 200);

        Image shown = picture.writeAvatar(square, dir.resolve("avatar.png"));

        TestPictures.Pixels back = TestPictures.decode(Files.readAllBytes(dir.resolve("avatar.png")));
        assertThat(back.width()).isEqualTo(256);
        assertThat(back.height()).isEqualTo(256);
        assertThat(shown.getWidth()).isEqualTo(256);
        int[] expected = square.scale(argb, w, h, 256);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >>> 24 == 0xff) {
                assertThat(back.argb()[i]).as("pixel %d", i).isEqualTo(expected[i]);
            } else {
                assertThat(back.argb()[i] >>> 24).as("alpha of pixel %d", i).isEqualTo(expected[i] >>> 24);
            }
        }
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
