package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.readAll;
import static dev.parley.server.blob.BlobFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An upload that was answered survives kill -9; an upload cut off by it leaves nothing behind after the restart. */
class BlobCrashTest {
    private static final int ANSWERED_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killTheChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void answeredUploadsSurviveAKillAndCutOffOnesLeaveNothing() throws Exception {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                BlobCrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String[]> answered = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (answered.size() == ANSWERED_BEFORE_KILL) {
                    // SIGKILL: no shutdown hook, no close; most likely in the middle of two uploads.
                    child.toHandle().destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                answered.add(line.split(" "));
            }
        }
        assertThat(answered).hasSizeGreaterThanOrEqualTo(ANSWERED_BEFORE_KILL);

        ThreadPoolExecutor thumbnails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
        try (BlobStore store = BlobStores.openFiles(dir, Clock.systemUTC(), thumbnails)) {
            for (String[] upload : answered) {
                assertThat(sha256(readAll(store.open(upload[0], upload[1]).stream()))).as(upload[0])
                        .isEqualTo(upload[2]);
            }
            Set<String> rows = new HashSet<>(store.unreferencedBefore(java.time.Instant.MAX, 10_000));
            Set<String> files;
            try (Stream<Path> all = Files.walk(dir.resolve("blobs"))) {
                files = all.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(name -> !name.startsWith("blobs.db")).collect(Collectors.toSet());
            }
            System.out.printf("kill -9 after %d answered uploads: %d blobs after the restart%n", answered.size(),
                    rows.size());
            assertThat(files).noneMatch(name -> name.endsWith(".part"));
            assertThat(files.stream().filter(name -> !name.endsWith(".thumb")).collect(Collectors.toSet()))
                    .as("every file has its row and every row its file").isEqualTo(rows);
            for (String uuid : rows) {
                Blob blob = store.find(uuid).orElseThrow();
                assertThat(files.contains(uuid + ".thumb")).as(uuid).isEqualTo(blob.hasThumbnail());
            }
        } finally {
            thumbnails.shutdownNow();
        }
    }

    /** The blob store's classes, these test classes and the SQLite driver, wherever the build put them. */
    private static String classPath() {
        return Stream.of(BlobStore.class, BlobCrashChild.class, org.sqlite.SQLiteConfig.class)
                .map(BlobCrashTest::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
