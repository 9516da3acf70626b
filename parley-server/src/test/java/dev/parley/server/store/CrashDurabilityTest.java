package dev.parley.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The promise the server builds on: a write whose future completed is on disk, even if the process dies next. */
class CrashDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 3_000;

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
    void acknowledgedWritesSurviveAKill() throws Exception {
        child = new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                CrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (acknowledged.size() == ACKS_BEFORE_KILL) {
                    // SIGKILL (through the handle, which leaves the pipe open for the lines already written):
                    // no shutdown hook, no close, most likely in the middle of a batch.
                    child.toHandle().destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                String[] parts = line.split(" ");
                acknowledged.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (MessageStore store = Stores.openSqlite(dir)) {
            List<StoredMessage> stored = StoreFixtures.messages(store.pendingFor("bob", Integer.MAX_VALUE));
            Map<String, Long> storedIds = stored.stream()
                    .collect(Collectors.toMap(StoredMessage::localId, StoredMessage::id));

            assertThat(storedIds).containsAllEntriesOf(acknowledged);
            // No gaps and no duplicates: sequence numbers run 1..n in id order.
            assertThat(stored).extracting(StoredMessage::seq)
                    .containsExactlyElementsOf(Stream.iterate(1L, s -> s + 1).limit(stored.size()).toList());
            assertThat(store.history("alice", "bob", Optional.empty(), 1)).hasSize(1);
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The store's classes, these test classes and the SQLite driver, wherever the build put them. */
    private static String classPath() {
        // the store, the protocol's content types and codec, JSON-P and JSON-B with their providers, SQLite
        return Stream.of(SqliteMessageStore.class, CrashChild.class, org.sqlite.SQLiteConfig.class,
                        dev.parley.protocol.Content.class, jakarta.json.spi.JsonProvider.class,
                        jakarta.json.spi.JsonProvider.provider().getClass(), jakarta.json.bind.Jsonb.class,
                        jakarta.json.bind.JsonbBuilder.create().getClass())
                .map(CrashDurabilityTest::location)
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
