package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.blob.Blob;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.blob.BlobStores;
import dev.parley.server.blob.NewBlob;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload is streamed to disk: storing a large one does not grow the heap by anything like its size. */
class BlobStoreMemoryTest {
    private static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void theHeapStaysFlatWhileALargeUploadIsStored() throws Exception {
        ThreadPoolExecutor thumbnails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
        try (BlobStore store = BlobStores.openFiles(dir, Clock.systemUTC(), thumbnails)) {
            HeapSnapshot before = HeapSnapshot.take();
            Generated upload = new Generated(SIZE);

            long started = System.nanoTime();
            Blob blob = store.store(new NewBlob("leo", "big.bin", ""), upload, SIZE);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            long growth = upload.midway.used() - before.used();
            System.out.printf("stored %d MB in %d ms; heap after GC half-way through: %+,d bytes%n",
                    SIZE >> 20, millis, growth);
            assertThat(blob.size()).isEqualTo(SIZE);
            assertThat(growth).as("heap growth half-way through a 256 MB upload").isLessThan(8L * 1024 * 1024);
            MessageDigest stored = MessageDigest.getInstance("SHA-256");
            try (InputStream in = store.open(blob.uuid(), blob.secret()).stream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    stored.update(buffer, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(upload.sha256());
        } finally {
            thumbnails.shutdownNow();
        }
    }

    /** Pseudo-random bytes made as they are read; takes a heap snapshot once half of them were read. */
    private static final class Generated extends InputStream {
        private final long size;
        private final SplittableRandom random = new SplittableRandom(42);
        private final MessageDigest digest;
        private long read;
        HeapSnapshot midway;

        Generated(long size) throws Exception {
            this.size = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the store reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    b[off + i + j] = (byte) (r >>> (8 * j));
                }
            }
            digest.update(b, off, n);
            if (read < size / 2 && read + n >= size / 2) {
                midway = HeapSnapshot.take();
            }
            read += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
