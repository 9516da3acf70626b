package dev.parley.server.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link BlobCrashTest} kills: uploads files and images on two threads without end and prints
 * {@code "<uuid> <secret> <sha-256>"} for each upload whose {@code store} returned, which is when the server would
 * answer it. Halts by itself when its standard input closes (the test is gone) or after a minute.
 */
public final class BlobCrashChild {
    private BlobCrashChild() {
    }

    public static void main(String[] args) {
        Thread.ofPlatform().daemon(true).start(BlobCrashChild::haltWhenOrphaned);
        CompletableFuture.delayedExecutor(1, TimeUnit.MINUTES).execute(() -> Runtime.getRuntime().halt(4));

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ThreadPoolExecutor thumbnails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(8));
        BlobStore store = BlobStores.openFiles(Path.of(args[0]), Clock.systemUTC(), thumbnails);
        List<byte[]> images = List.of(BlobFixtures.noisePng(300, 200, 1), BlobFixtures.noiseJpeg(400, 300),
                BlobFixtures.noisePng(500, 500, 2));
        for (int t = 0; t < 2; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (long i = thread; ; i += 2) {
                    String line;
                    if (i % 3 == 0) {
                        byte[] image = images.get((int) (i / 3 % images.size()));
                        Blob blob = store.store(new NewBlob("leo", "img" + i, ""), new ByteArrayInputStream(image),
                                1 << 24);
                        line = blob.uuid() + " " + blob.secret() + " " + BlobFixtures.sha256(image);
                    } else {
                        BlobFixtures.GeneratedStream file = new BlobFixtures.GeneratedStream(
                                10_000 + (i * 7_919) % 600_000, i);
                        Blob blob = store.store(new NewBlob("leo", "file" + i, ""), file, 1 << 24);
                        line = blob.uuid() + " " + blob.secret() + " " + file.sha256();
                    }
                    out.println(line);
                }
            });
        }
    }

    private static void haltWhenOrphaned() {
        try {
            while (System.in.read() >= 0) {
                // the test never writes; end of input means it is gone
            }
        } catch (IOException e) {
            // the same
        }
        Runtime.getRuntime().halt(3);
    }
}
