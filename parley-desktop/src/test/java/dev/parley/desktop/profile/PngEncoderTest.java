package dev.parley.desktop.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.zip.CRC32;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The PNG encoder, read back by JavaFX's own decoder pixel for pixel (colours, transparency, odd sizes). */
class PngEncoderTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void javaFxReadsBackEveryPixel() {
        int w = 37;
        int h = 23;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int x = i % w;
            int y = i / w;
            // Opaque gradients, and a transparent and a half-transparent band.
            int alpha = y < 3 ? 0 : y < 6 ? 0x80 : 0xff;
            argb[i] = alpha << 24 | (x * 7 & 0xff) << 16 | (y * 11 & 0xff) << 8 | ((x * y) & 0xff);
        }

        byte[] png = PngEncoder.encode(argb, w, h);
        Image image = new Image(new ByteArrayInputStream(png));

        assertThat(image.isError()).as("decoded").isFalse();
        assertThat(image.getWidth()).isEqualTo(w);
        assertThat(image.getHeight()).isEqualTo(h);
        int[] back = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), back, 0, w);
        for (int i = 0; i < argb.length; i++) {
            if (argb[i] >>> 24 == 0xff) {
                assertThat(back[i]).as("pixel %d", i).isEqualTo(argb[i]);
            } else {
                // Premultiplied storage loses colour where alpha is low; alpha itself stays exact.
                assertThat(back[i] >>> 24).as("alpha of pixel %d", i).isEqualTo(argb[i] >>> 24);
            }
        }
    }

    @Test
    void theFileHasTheSignatureAndCorrectChecksums() {
        byte[] png = PngEncoder.encode(new int[] {0xff123456}, 1, 1);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        int at = 8;
        while (at < png.length) {
            int length = (png[at] & 0xff) << 24 | (png[at + 1] & 0xff) << 16 | (png[at + 2] & 0xff) << 8
                    | (png[at + 3] & 0xff);
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + length);
            int stored = (png[at + 8 + length] & 0xff) << 24 | (png[at + 9 + length] & 0xff) << 16
                    | (png[at + 10 + length] & 0xff) << 8 | (png[at + 11 + length] & 0xff);
            assertThat(stored).isEqualTo((int) crc.getValue());
            at += 12 + length;
        }
        assertThat(at).isEqualTo(png.length);
    }

    @Test
    void sizesThatDoNotMatchThePixelsAreRefused() {
        assertThatThrownBy(() -> PngEncoder.encode(new int[5], 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

}
