package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.decode;
import static dev.parley.server.blob.BlobFixtures.readAll;
import static dev.parley.server.blob.BlobFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} must do, whatever keeps the bytes: round trips, types from the bytes, sizes and
 * thumbnails of images, limits, secrets, file names, references and removal, concurrency, restarts. Each
 * implementation's test extends this class and adds what is its own (files, permissions, crash recovery).
 */
abstract class BlobStoreContract {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long TEN_MB = 10L * 1024 * 1024;

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(START);
    ThreadPoolExecutor thumbnails;
    BlobStore store;

    /** Opens the implementation under test on {@code dataDir} (empty at first; the same one again to reopen). */
    abstract BlobStore open(Path dataDir, Clock clock, ThreadPoolExecutor thumbnails);

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
    void aFileComesBackByteForByteWithItsDescription() {
        Blob blob = put("leo", "notes.txt", "text/plain; charset=utf-8", text("hello, world"));

        assertThat(blob.owner()).isEqualTo("leo");
        assertThat(blob.filename()).isEqualTo("notes.txt");
        assertThat(blob.size()).isEqualTo(12);
        assertThat(blob.mime()).isEqualTo("text/plain");
        assertThat(blob.isImage()).isFalse();
        assertThat(blob.hasThumbnail()).isFalse();
        assertThat(blob.created()).isEqualTo(START);
        assertThat(blob.referenced()).isFalse();
        assertThat(store.find(blob.uuid())).contains(blob);
        BlobContent content = store.open(blob.uuid(), blob.secret());
        assertThat(new Object[] {content.mime(), content.size(), content.filename()})
                .containsExactly("text/plain", 12L, "notes.txt");
        assertThat(readAll(content.stream())).asString(StandardCharsets.UTF_8).isEqualTo("hello, world");
        assertThat(store.openThumbnail(blob.uuid(), blob.secret())).isEmpty();
        assertThat(put("leo", "empty", "", new byte[0]).size()).isZero();
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
    void anUploadOverTheLimitIsRefusedAtTheFirstByteTooManyAndNothingIsKept() {
        BlobFixtures.GeneratedStream eleven = new BlobFixtures.GeneratedStream(11L * 1024 * 1024, 1);

        assertThatThrownBy(() -> store.store(new NewBlob("leo", "big.bin", ""), eleven, TEN_MB))
                .isInstanceOfSatisfying(BlobException.TooLarge.class, e -> assertThat(e.limit()).isEqualTo(TEN_MB));

        assertThat(eleven.bytesRead()).as("read no further than the limit").isEqualTo(TEN_MB + 1);
        assertThat(store.unreferencedBefore(Instant.MAX, 10)).isEmpty();
        Blob exact = store.store(new NewBlob("leo", "exact.bin", ""),
                new BlobFixtures.GeneratedStream(TEN_MB, 2), TEN_MB);
        assertThat(exact.size()).isEqualTo(TEN_MB);
        assertThat(store.unreferencedBefore(Instant.MAX, 10)).containsExactly(exact.uuid());
    }

    @Test
    void anUploadCutOffHalfWayIsNotKept() {
        InputStream failing = new BlobFixtures.GeneratedStream(1_000_000, 3) {
            @Override
            void onRead(long soFar) {
                if (soFar > 300_000) {
                    throw new java.io.UncheckedIOException(new IOException("connection reset"));
                }
            }
        };
        InputStream throwingChecked = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> store.store(new NewBlob("leo", "x", ""), failing, TEN_MB))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThatThrownBy(() -> store.store(new NewBlob("leo", "x", ""), throwingChecked, TEN_MB))
                .isInstanceOf(BlobException.Unavailable.class).hasMessageContaining("connection reset");
        assertThat(store.unreferencedBefore(Instant.MAX, 10)).isEmpty();
    }

    @Test
    void aWrongSecretAndAnUnknownUuidAreDistinctErrors() {
        Blob blob = put("leo", "x.png", "", BlobFixtures.noisePng(40, 40, 1));
        Blob other = put("roy", "y.txt", "", text("y"));
        String unknown = "0a1b2c3d-0000-4000-8000-000000000000";

        assertThatThrownBy(() -> store.open(blob.uuid(), other.secret())).isInstanceOf(BlobException.WrongSecret.class);
        assertThatThrownBy(() -> store.open(blob.uuid(), "")).isInstanceOf(BlobException.WrongSecret.class);
        assertThatThrownBy(() -> store.openThumbnail(blob.uuid(), other.secret()))
                .isInstanceOf(BlobException.WrongSecret.class);
        assertThatThrownBy(() -> store.open(unknown, blob.secret())).isInstanceOf(BlobException.NotFound.class);
        assertThatThrownBy(() -> store.openThumbnail(unknown, blob.secret()))
                .isInstanceOf(BlobException.NotFound.class);
        for (String malformed : List.of("../../etc/passwd", "", blob.uuid().toUpperCase(), blob.uuid() + "/..",
                "0a/" + blob.uuid())) {
            assertThatThrownBy(() -> store.open(malformed, blob.secret())).as(malformed)
                    .isInstanceOf(BlobException.NotFound.class).hasMessageNotContaining("passwd");
            assertThat(store.find(malformed)).isEmpty();
        }
        assertThat(blob.toString()).doesNotContain(blob.secret());
    }

    @Test
    void uuidsAndSecretsAreRandomUrlSafeAndLongEnough() {
        Set<String> uuids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Blob blob = put("leo", "x", "", text("same bytes"));
            uuids.add(blob.uuid());
            secrets.add(blob.secret());
            assertThat(blob.uuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(blob.secret()).as("256 bits, base64url").matches("[A-Za-z0-9_-]{43}");
        }
        assertThat(uuids).hasSize(50);
        assertThat(secrets).hasSize(50);
    }

    @Test
    void fileNamesAreStoredSanitised() {
        assertThat(put("leo", "C:\\Users\\leo\\..\\invoice\u202Egpj.exe", "", text("x")).filename())
                .isEqualTo("invoicegpj.exe");
        assertThat(put("leo", "../..", "", text("x")).filename()).isEqualTo("file");
    }

    @Test
    void onlyUnreferencedOldUploadsAreListedAndSwept() {
        Blob oldLoose = put("leo", "a", "", text("a"));
        Blob oldSent = put("leo", "b", "", text("b"));
        clock.advance(Duration.ofHours(25));
        Blob newLoose = put("leo", "c", "", text("c"));
        Instant cutoff = clock.instant().minus(Duration.ofHours(24));

        assertThat(store.markReferenced(List.of(oldSent.uuid(), "0a1b2c3d-0000-4000-8000-000000000000", "junk")))
                .as("only existing blobs count").isEqualTo(1);
        assertThat(store.find(oldSent.uuid())).hasValueSatisfying(b -> assertThat(b.referenced()).isTrue());
        assertThat(store.unreferencedBefore(cutoff, 10)).containsExactly(oldLoose.uuid());

        assertThat(store.deleteUnreferencedBefore(cutoff, 10)).containsExactly(oldLoose.uuid());

        assertThat(store.find(oldLoose.uuid())).isEmpty();
        assertThatThrownBy(() -> store.open(oldLoose.uuid(), oldLoose.secret()))
                .isInstanceOf(BlobException.NotFound.class);
        assertThat(readAll(store.open(oldSent.uuid(), oldSent.secret()).stream())).isEqualTo(text("b"));
        assertThat(store.find(newLoose.uuid())).isPresent();
        assertThat(store.deleteUnreferencedBefore(cutoff, 10)).isEmpty();
    }

    @Test
    void retentionRemovesBlobsByUuidReferencedOrNot() {
        Blob sent = put("leo", "a.png", "", BlobFixtures.noisePng(30, 30, 1));
        Blob loose = put("leo", "b", "", text("b"));
        Blob kept = put("leo", "c", "", text("c"));
        store.markReferenced(List.of(sent.uuid()));

        List<String> removed = store.deleteAll(List.of(sent.uuid(), loose.uuid(),
                "0a1b2c3d-0000-4000-8000-000000000000"));

        assertThat(removed).containsExactlyInAnyOrder(sent.uuid(), loose.uuid());
        assertThatThrownBy(() -> store.openThumbnail(sent.uuid(), sent.secret()))
                .isInstanceOf(BlobException.NotFound.class);
        assertThat(store.delete(loose.uuid())).isFalse();
        assertThat(store.delete(kept.uuid())).isTrue();
        assertThat(store.find(kept.uuid())).isEmpty();
    }

    @Test
    void concurrentUploadsDoNotCollide() throws Exception {
        ExecutorService uploaders = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Blob>> uploads = new ArrayList<>();
            Map<String, String> sent = new ConcurrentHashMap<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                uploads.add(() -> {
                    BlobFixtures.GeneratedStream content = new BlobFixtures.GeneratedStream(50_000 + n * 997, n);
                    Blob blob = store.store(new NewBlob("user" + (n % 4), "f" + n, ""), content, TEN_MB);
                    sent.put(blob.uuid(), content.sha256());
                    return blob;
                });
            }
            List<Blob> blobs = new ArrayList<>();
            for (Future<Blob> f : uploaders.invokeAll(uploads, 60, TimeUnit.SECONDS)) {
                blobs.add(f.get());
            }

            assertThat(blobs).extracting(Blob::uuid).doesNotHaveDuplicates().hasSize(64);
            for (Blob blob : blobs) {
                assertThat(sha256(readAll(store.open(blob.uuid(), blob.secret()).stream())))
                        .isEqualTo(sent.get(blob.uuid()));
            }
        } finally {
            uploaders.shutdownNow();
        }
    }

    @Test
    void blobsSurviveAReopen() {
        Blob image = put("leo", "x.png", "", BlobFixtures.noisePng(100, 50, 1));
        Blob file = put("roy", "y.txt", "text/plain", text("y"));
        store.markReferenced(List.of(file.uuid()));
        store.close();

        store = open(dir, clock, thumbnails);

        assertThat(store.find(image.uuid())).contains(image);
        assertThat(store.find(file.uuid())).contains(file.asReferenced());
        assertThat(decode(readAll(store.openThumbnail(image.uuid(), image.secret()).orElseThrow().stream()))
                .getWidth()).isEqualTo(100);
        assertThat(readAll(store.open(file.uuid(), file.secret()).stream())).isEqualTo(text("y"));
    }

    @Test
    void aClosedStoreRefusesWork() {
        Blob blob = put("leo", "x", "", text("x"));
        store.close();

        assertThatThrownBy(() -> put("leo", "y", "", text("y"))).isInstanceOf(BlobException.Unavailable.class);
        assertThatThrownBy(() -> store.open(blob.uuid(), blob.secret())).isInstanceOf(BlobException.Unavailable.class);
        store.close(); // idempotent
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
