package dev.parley.desktop.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The crop's math: the selection stays a square inside the picture, and the square is scaled as it lies. */
class CropSquareTest {
    @Test
    void theFirstSquareIsTheLargestInTheMiddle() {
        assertThat(CropSquare.centred(400, 200)).isEqualTo(new CropSquare(100, 0, 200));
        assertThat(CropSquare.centred(300, 500)).isEqualTo(new CropSquare(0, 100, 300));
    }

    @Test
    void movingStopsAtThePicturesEdges() {
        CropSquare square = new CropSquare(100, 0, 200);

        assertThat(square.moved(500, 40, 400, 200)).isEqualTo(new CropSquare(200, 0, 200));
        assertThat(square.moved(-500, -40, 400, 200)).isEqualTo(new CropSquare(0, 0, 200));
        assertThat(new CropSquare(10, 10, 50).moved(25, 30, 400, 200)).isEqualTo(new CropSquare(35, 40, 50));
    }

    @Test
    void resizingKeepsTheCornerStaysSquareAndInsideAndNotBelowTheSmallest() {
        CropSquare square = new CropSquare(300, 50, 60);

        assertThat(square.resized(500, 400, 200)).isEqualTo(new CropSquare(300, 50, 100));
        assertThat(square.resized(-500, 400, 200)).isEqualTo(new CropSquare(300, 50, CropSquare.MIN_SIDE));
        assertThat(square.resized(20, 400, 200)).isEqualTo(new CropSquare(300, 50, 80));
    }

    @Test
    void aSquareTooLargeOrOutsideIsShrunkAndMovedIn() {
        assertThat(new CropSquare(-30, 500, 900).clampedTo(400, 200)).isEqualTo(new CropSquare(0, 0, 200));
        assertThat(new CropSquare(390, 190, 50).clampedTo(400, 200)).isEqualTo(new CropSquare(350, 150, 50));
        // A picture smaller than the smallest selection allows only its own size.
        assertThat(new CropSquare(0, 0, 2).clampedTo(8, 10)).isEqualTo(new CropSquare(0, 0, 8));
    }

    @Test
    void theSquareIsScaledAsItLies() {
        // 400 × 200: left half red, right half blue; a 1-pixel green line at x = 150.
        int w = 400;
        int h = 200;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = x == 150 ? 0xff00ff00 : x < 200 ? 0xffff0000 : 0xff0000ff;
            }
        }
        CropSquare middle = CropSquare.centred(w, h);

        int[] out = middle.scale(argb, w, h, 256);

        assertThat(out).hasSize(256 * 256);
        assertThat(out[0]).isEqualTo(0xffff0000);
        assertThat(out[127]).isEqualTo(0xffff0000);
        assertThat(out[128]).isEqualTo(0xff0000ff);
        assertThat(out[255 * 256 + 255]).isEqualTo(0xff0000ff);
        // Upscaling a 20 × 20 square at (140, 0): the green line is at its x = 10, so output columns 128…140.
        int[] zoomed = new CropSquare(140, 0, 20).scale(argb, w, h, 256);
        assertThat(zoomed[5 * 256 + 130]).isEqualTo(0xff00ff00);
        assertThat(zoomed[5 * 256 + 100]).isEqualTo(0xffff0000);
    }

    @Test
    void transparentPixelsDoNotDarkenTheirNeighbours() {
        int[] argb = {0x00000000, 0xffffffff, 0x00000000, 0xffffffff};

        int[] out = new CropSquare(0, 0, 2).scale(argb, 2, 2, 1);

        assertThat(out[0]).isEqualTo(0x80ffffff);
    }
}
