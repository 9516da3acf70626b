package dev.parley.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thumbnails on their own: decode memory bounded, the pixel limit checked before any decoding, orientations. */
class ThumbnailerTest {
    @TempDir
    Path dir;

    @Test
    void aHugeImageIsDecodedSubsampledSoItsRasterIsNeverAllocated() throws Exception {
        // 6,000 x 6,000 black: 36 MP under the 40 MP limit, 36 MB as a whole gray raster, ~35 KB as a file.
        Path file = dir.resolve("black.png");
        Files.write(file, BlobFixtures.blackPng(6_000, 6_000));
        ImageSource png = ImageSource.of(file);
        ImageHeader header = ImageHeader.read(png, ImageFormat.PNG).orElseThrow();

        long whole = allocatedBy(() -> ImageIO.read(file.toFile()));
        long[] started = {System.nanoTime()};
        Thumbnailer.Thumbnail[] made = new Thumbnailer.Thumbnail[1];
        long subsampled = allocatedBy(() -> made[0] = Thumbnailer.render(png, header, Thumbnailer.DEFAULT_MAX_PIXELS));
        long millis = Duration.ofNanos(System.nanoTime() - started[0]).toMillis();
        System.out.printf("36 MP PNG: decoded whole %,d bytes allocated; thumbnail %,d bytes allocated, %d ms%n",
                whole, subsampled, millis);

        assertThat(Files.size(file)).isLessThan(100_000);
        assertThat(whole).isGreaterThan(36_000_000);
        assertThat(subsampled).as("no whole raster").isLessThan(12_000_000);
        assertThat(new int[] {made[0].width(), made[0].height()}).containsExactly(320, 320);
    }

    @Test
    void anImageOverThePixelLimitIsNeverHandedToTheDecoder() {
        Thumbnailer thumbnailer = new Thumbnailer(job -> {
            throw new AssertionError("the decoder must not run");
        }, 1_000_000, Duration.ofSeconds(1));
        ImageSource none = ImageSource.of(dir.resolve("none"));

        assertThat(thumbnailer.make(none, new ImageHeader(ImageFormat.PNG, 1_001, 1_000, 1), "x")).isEmpty();
        assertThat(thumbnailer.make(none, new ImageHeader(ImageFormat.WEBP, 10, 10, 1), "x"))
                .as("no WebP decoder").isEmpty();
    }

    @Test
    void aProgressiveJpegIsDecodedOnlyUpToAQuarterOfThePixelLimit() throws IOException {
        // Its decoder holds every coefficient of the image in native memory, however much it subsamples.
        Path progressive = dir.resolve("progressive.jpg");
        Path baseline = dir.resolve("baseline.jpg");
        Files.write(progressive, BlobFixtures.jpeg(400, 400, true));
        Files.write(baseline, BlobFixtures.jpeg(400, 400, false));
        ImageSource progressiveSource = ImageSource.of(progressive);
        ImageSource baselineSource = ImageSource.of(baseline);
        ImageHeader progressiveHeader = ImageHeader.read(progressiveSource, ImageFormat.JPEG).orElseThrow();
        ImageHeader baselineHeader = ImageHeader.read(baselineSource, ImageFormat.JPEG).orElseThrow();
        Thumbnailer thumbnailer = new Thumbnailer(Runnable::run, 400_000, Duration.ofSeconds(10));

        assertThat(progressiveHeader.progressive()).isTrue();
        assertThat(baselineHeader.progressive()).isFalse();
        assertThat(thumbnailer.make(progressiveSource, progressiveHeader, "p")).as("160,000 > 400,000 / 4").isEmpty();
        assertThat(thumbnailer.make(baselineSource, baselineHeader, "b")).isPresent();
        assertThat(new Thumbnailer(Runnable::run, 640_000, Duration.ofSeconds(10))
                .make(progressiveSource, progressiveHeader, "p")).isPresent();
    }

    @Test
    void theDecodersOwnReadingOfTheSizeIsCheckedToo() throws IOException {
        // The header the store read says 10 x 10; the decoder finds 2,000 x 2,000: more than this limit allows.
        Path file = dir.resolve("liar.png");
        Files.write(file, BlobFixtures.blackPng(2_000, 2_000));
        ImageSource source = ImageSource.of(file);

        assertThatThrownBy(() -> Thumbnailer.render(source, new ImageHeader(ImageFormat.PNG, 10, 10, 1), 1_000_000))
                .isInstanceOf(IOException.class).hasMessageContaining("2000 x 2000");
    }

    @Test
    void everyExifOrientationPutsTheStoredCornersWhereTheyAreShown() {
        // Stored 3 x 2: top-left 1, top-right 2, bottom-left 3, bottom-right 4 (the rest 0).
        int[] stored = {1, 0, 2, 3, 0, 4};
        // For each orientation: shown top-left, top-right, bottom-left, bottom-right.
        int[][] shownCorners = {
                {1, 2, 3, 4}, {2, 1, 4, 3}, {4, 3, 2, 1}, {3, 4, 1, 2},
                {1, 3, 2, 4}, {3, 1, 4, 2}, {4, 2, 3, 1}, {2, 4, 1, 3}};
        for (int orientation = 1; orientation <= 8; orientation++) {
            Thumbnailer.Oriented shown = Thumbnailer.orient(stored, 3, 2, orientation);
            int w = shown.width();
            int h = shown.height();
            int[] p = shown.pixels();

            assertThat(new int[] {w, h}).as("orientation %d", orientation)
                    .containsExactly(orientation >= 5 ? 2 : 3, orientation >= 5 ? 3 : 2);
            assertThat(new int[] {p[0], p[w - 1], p[(h - 1) * w], p[h * w - 1]}).as("orientation %d", orientation)
                    .containsExactly(shownCorners[orientation - 1]);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Bytes the current thread allocated while running {@code work} (the JVM's per-thread counter, through JMX). */
    private static long allocatedBy(Work work) throws Exception {
        long before = allocated();
        work.run();
        return allocated() - before;
    }

    private static long allocated() throws JMException {
        return (Long) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("java.lang:type=Threading"),
                "getThreadAllocatedBytes", new Object[] {Thread.currentThread().threadId()},
                new String[] {long.class.getName()});
    }
}
