package dev.parley.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop launcher's start-up cache (the JDK's AOT cache, made on the user's computer): the first start records,
 * a cache is built after it ends, the next start uses it; {@code --version} records nothing. The app runs on
 * JavaFX's headless platform here, and says it has started through its own log (a debug line).
 */
class StartCacheIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void theFirstStartMakesTheCacheAndTheNextStartUsesIt() throws Exception {
        Path cache = dir.resolve("cache");
        Process first = start(cache);
        awaitStarted(first);
        first.destroy(); // as a user's "kill" would: the launcher passes it on, the JVM ends and writes its record
        assertThat(first.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the first start ended").isTrue();

        Path made = awaitCache(cache.resolve("parley"));
        assertThat(made.getFileName().toString()).startsWith("start-").endsWith(".aot");

        Process second = start(cache);
        awaitStarted(second);
        List<String> arguments = second.info().arguments().map(List::of).orElse(List.of());
        second.destroy();
        second.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(arguments).as("the second start's JVM").contains("-XX:AOTCache=" + made);
        assertThat(arguments).noneMatch(a -> a.startsWith("-XX:AOTMode=record"));
        try (Stream<Path> left = Files.list(cache.resolve("parley"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing left of the recording")
                    .noneMatch(name -> name.endsWith(".record"));
        }
    }

    @Test
    void versionRecordsNothing() throws Exception {
        Path cache = dir.resolve("cache");
        ProcessBuilder pb = ImageIT.launcher("parley", "--version");
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).startsWith("parley ").doesNotContain("AOT");
        assertThat(cache).doesNotExist();
    }

    private Process start(Path cache) throws IOException {
        Path logging = dir.resolve("logging.properties");
        Files.writeString(logging, """
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level=FINE
                dev.parley.desktop.level=FINE
                """);
        ProcessBuilder pb = ImageIT.launcher("parley", "--settings-dir", dir.resolve("settings").toString());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Dglass.platform=Headless -Dprism.order=sw"
                + " -Djava.util.logging.config.file=" + logging);
        return pb.start();
    }

    /** Waits for the app's "started with" debug line (its window is made then). */
    private static void awaitStarted(Process app) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains("started with")) {
                    return; // the reader goes on draining the output until the app ends
                }
            } else if (!app.isAlive() && !reader.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("the app did not start:\n" + seen);
    }

    /** Waits for the cache file to be moved into {@code cacheDir} (it is built in the background). */
    private static Path awaitCache(Path cacheDir) throws IOException, InterruptedException {
        try (WatchService watcher = cacheDir.getFileSystem().newWatchService()) {
            cacheDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE); // mv into the directory is a create
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                Optional<Path> made = aot(cacheDir);
                if (made.isPresent()) {
                    return made.get();
                }
                var key = watcher.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        throw new AssertionError("no start-up cache in " + cacheDir);
    }

    private static Optional<Path> aot(Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(p -> p.getFileName().toString().matches("start-[0-9-]+\\.aot")).findFirst();
        }
    }
}
