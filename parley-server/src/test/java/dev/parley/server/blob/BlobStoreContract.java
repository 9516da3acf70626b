package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.decode;
import static dev.parley.server.blob.BlobFixtures.readAll;
import static dev.parley.server.blob.BlobFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} must do, whatever keeps the bytes: round trips, limits, secrets, file names,
 * references and removal, concurrency, restarts; and, from {@link BlobImageContract}, what it does with images. Each
 * implementation's test extends this class and adds what is its own (files, permissions, crash recovery; nodes
 * sharing a database).
 */
abstract class BlobStoreContract extends BlobImageContract {
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
}
