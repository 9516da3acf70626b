package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.decode;
import static dev.parley.server.blob.BlobFixtures.readAll;
import static dev.parley.server.blob.BlobFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} must do with images, whatever keeps the bytes: types from the bytes, sizes and
 * thumbnails, and what happens when a thumbnail cannot be made; and the store each test gets. The rest of the
 * contract is {@link BlobStoreContract}, which implementations extend.
 */
abstract class BlobImageContract {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long TEN_MB = 10L * 1024 * 1024;

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(START);
    ThreadPoolExecutor thumbnails;
    BlobStore store;

    /** Opens the implementation under test on {@code dataDir} (empty at first; the same one again to reopen). */
    abstract BlobStore open(Path dataDir, Clock clock, ThreadPoolExecutor thumbnails);

    /** Opens it again with this thumbnailer (a stalled or a full one). */
    abstract BlobStore open(Path dataDir, Clock clock, Thumbnailer thumbnailer);

    @BeforeEach
    void openStore() {
        thumbnails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(16));
        store = open(dir, clock, thumbnails);
    }

    @AfterEach
    void closeStore() {
        store.close();
        thumbnails.shutdownNow();
    }

    Blob put(String owner, String filename, String mime, byte[] bytes) {
        return store.store(new NewBlob(owner, filename, mime), new ByteArrayInputStream(bytes), TEN_MB);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFiveMegabyteImageRoundTripsByteIdenticalWithItsSizeAndAThumbnail() {
        byte[] png = BlobFixtures.noisePng(1300, 1300, 1);
        assertThat(png.length).as("the fixture is about 5 MB").isBetween(4_800_000, 5_400_000);

        long started = System.nanoTime();
        Blob blob = put("leo", "photo.png", "application/octet-stream", png);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("stored a %,d-byte PNG (1300 x 1300) with its thumbnail in %d ms%n", png.length, millis);

        assertThat(blob.mime()).isEqualTo("image/png");
        assertThat(blob.size()).isEqualTo(png.length);
        assertThat(blob.width()).isEqualTo(1300);
        assertThat(blob.height()).isEqualTo(1300);
        assertThat(blob.hasThumbnail()).isTrue();
        assertThat(sha256(readAll(store.open(blob.uuid(), blob.secret()).stream()))).isEqualTo(sha256(png));
    }

    @Test
    void thumbnailsAreAtMost320OnTheLongestSideAndKeepTheAspect() {
        record Case(int width, int height, int thumbWidth, int thumbHeight) {
        }
        for (Case c : List.of(new Case(1000, 500, 320, 160), new Case(300, 900, 107, 320),
                new Case(100, 80, 100, 80), new Case(4000, 30, 320, 2), new Case(640, 640, 320, 320))) {
            Blob blob = put("leo", "x.png", "image/png", BlobFixtures.noisePng(c.width(), c.height(), 3));
            BufferedImage thumbnail = thumbnailOf(blob);

            assertThat(blob.thumbnailMime()).isEqualTo("image/jpeg");
            assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).as("%s", c)
                    .containsExactly(c.thumbWidth(), c.thumbHeight());
        }
    }

    @Test
    void gifJpegAndTransparentPngGetThumbnailsWebpOnlyItsSize() {
        Blob gif = put("leo", "a.gif", "", BlobFixtures.gif(500, 250));
        Blob jpeg = put("leo", "a.jpg", "", BlobFixtures.noiseJpeg(250, 500));
        Blob translucent = put("leo", "a.png", "", BlobFixtures.translucentPng(64, 32));
        Blob webp = put("leo", "a.webp", "", BlobFixtures.webpHeader(1024, 768));

        assertThat(gif.mime()).isEqualTo("image/gif");
        assertThat(thumbnailOf(gif).getWidth()).isEqualTo(320);
        assertThat(jpeg.mime()).isEqualTo("image/jpeg");
        assertThat(thumbnailOf(jpeg).getHeight()).isEqualTo(320);
        assertThat(translucent.thumbnailMime()).isEqualTo("image/png");
        assertThat(thumbnailOf(translucent).getColorModel().hasAlpha()).isTrue();
        assertThat(webp.mime()).isEqualTo("image/webp");
        assertThat(new int[] {webp.width(), webp.height()}).containsExactly(1024, 768);
        assertThat(webp.hasThumbnail()).isFalse();
    }

    @Test
    void aCameraPictureTurnedByItsExifOrientationHasItsShownSizeAndThumbnail() {
        // Stored 400 x 200, left red and right blue; orientation 6 means "turn 90° clockwise to show".
        Blob blob = put("leo", "camera.jpg", "image/jpeg", BlobFixtures.jpegWithOrientation(400, 200, 6));
        BufferedImage thumbnail = thumbnailOf(blob);

        assertThat(new int[] {blob.width(), blob.height()}).containsExactly(200, 400);
        assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(160, 320);
        // turned clockwise, the stored left (red) half is on top
        assertThat((thumbnail.getRGB(80, 40) >> 16) & 0xFF).isGreaterThan(200);
        assertThat(thumbnail.getRGB(80, 280) & 0xFF).isGreaterThan(200);
    }

    @Test
    void theTypeOfAnImageComesFromItsBytesNeverFromTheClient() {
        byte[] png = BlobFixtures.noisePng(20, 10, 5);

        assertThat(put("leo", "x", "text/html", png).mime()).isEqualTo("image/png");
        assertThat(put("leo", "x.png", "image/png", text("<script>alert(1)</script>")).mime())
                .isEqualTo("application/octet-stream");
        assertThat(put("leo", "x.html", "text/html", text("<p>hi")).mime()).isEqualTo("application/octet-stream");
        assertThat(put("leo", "x.svg", "image/svg+xml", text("<svg/>")).mime()).isEqualTo("application/octet-stream");
        assertThat(put("leo", "x.pdf", "Application/PDF; name=x", text("%PDF-1.7")).mime())
                .isEqualTo("application/pdf");
        assertThat(put("leo", "x", "no type at all", text("?")).mime()).isEqualTo("application/octet-stream");
    }

    @Test
    void aCorruptImageIsStoredAsItCameWithoutAThumbnail() {
        byte[] good = BlobFixtures.noisePng(200, 100, 9);
        byte[] corrupt = good.clone();
        for (int i = 60; i < corrupt.length; i += 7) {
            corrupt[i] ^= 0x5A;
        }
        byte[] truncated = java.util.Arrays.copyOf(good, 20); // the signature and half an IHDR

        Blob damaged = put("leo", "damaged.png", "image/png", corrupt);
        Blob cut = put("leo", "cut.png", "image/png", truncated);

        assertThat(damaged.mime()).isEqualTo("image/png");
        assertThat(damaged.width()).isEqualTo(200);
        assertThat(damaged.hasThumbnail()).isFalse();
        assertThat(readAll(store.open(damaged.uuid(), damaged.secret()).stream())).isEqualTo(corrupt);
        assertThat(cut.mime()).isEqualTo("application/octet-stream");
        assertThat(cut.isImage()).isFalse();
    }

    @Test
    void anImageDeclaringTooManyPixelsIsStoredAsAFileAndNeverDecoded() {
        // 100,000 x 100,000: decoded whole it would need 10 GB (30 GB in RGB).
        byte[] bomb = BlobFixtures.png(100_000, 100_000, new byte[] {0x78, (byte) 0x9C, 0x03, 0x00});

        Blob blob = put("leo", "bomb.png", "image/png", bomb);

        assertThat(blob.mime()).isEqualTo("application/octet-stream");
        assertThat(blob.isImage()).isFalse();
        assertThat(blob.hasThumbnail()).isFalse();
        assertThat(readAll(store.open(blob.uuid(), blob.secret()).stream())).isEqualTo(bomb);
        assertThat(put("leo", "fine.png", "", BlobFixtures.noisePng(50, 50, 1)).hasThumbnail()).isTrue();
    }

    @Test
    void anImageWhoseThumbnailIsNotMadeInTimeIsStoredWithoutOne() {
        store.close();
        // A pool that accepts the job and never runs it: the upload waits out its bound, then goes on.
        Thumbnailer stalled = new Thumbnailer(job -> { }, Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofMillis(200));
        store = open(dir, clock, stalled);
        byte[] png = BlobFixtures.noisePng(400, 300, 4);

        long started = System.nanoTime();
        Blob blob = put("leo", "x.png", "", png);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(blob.mime()).isEqualTo("image/png");
        assertThat(blob.width()).isEqualTo(400);
        assertThat(blob.hasThumbnail()).isFalse();
        assertThat(store.openThumbnail(blob.uuid(), blob.secret())).isEmpty();
        assertThat(readAll(store.open(blob.uuid(), blob.secret()).stream())).isEqualTo(png);
    }

    @Test
    void anImageArrivingWhileTheThumbnailPoolIsFullIsStoredWithoutOne() {
        store.close();
        Thumbnailer busy = new Thumbnailer(job -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        store = open(dir, clock, busy);

        Blob blob = store.store(new NewBlob("leo", "x.png", ""),
                new ByteArrayInputStream(BlobFixtures.noisePng(50, 50, 1)), TEN_MB);

        assertThat(blob.isImage()).isTrue();
        assertThat(blob.hasThumbnail()).isFalse();
        assertThat(store.unreferencedBefore(java.time.Instant.MAX, 5)).containsExactly(blob.uuid());
    }

    BufferedImage thumbnailOf(Blob blob) {
        try (BlobContent content = store.openThumbnail(blob.uuid(), blob.secret()).orElseThrow(
                () -> new AssertionError("no thumbnail for " + blob))) {
            assertThat(content.mime()).isEqualTo(blob.thumbnailMime());
            byte[] bytes = readAll(content.stream());
            assertThat(content.size()).isEqualTo(bytes.length);
            return decode(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
