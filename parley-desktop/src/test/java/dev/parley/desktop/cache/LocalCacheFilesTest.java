package dev.parley.desktop.cache;

import static dev.parley.desktop.cache.CacheFixtures.APP_KEY;
import static dev.parley.desktop.cache.CacheFixtures.URL;
import static dev.parley.desktop.cache.CacheFixtures.conversation;
import static dev.parley.desktop.cache.CacheFixtures.fromRoy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's files: readable by their owner only; one per profile, server, app key and user, so that no one sees
 * another's rows; and a damaged file moved aside (with a log line) for an empty cache.
 */
class LocalCacheFilesTest {
    private static final ConversationId ROY = ConversationId.single("roy");
    private static final Logger LOG = Logger.getLogger(LocalCache.class.getName());

    @TempDir
    Path home;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        LOG.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        LOG.removeHandler(handler);
    }

    @Test
    void theDirectoryIsMode700AndTheDatabaseAndItsWalAndShmMode600() throws IOException {
        Path profile = home.resolve("work");
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            cache.putMessages(List.of(fromRoy("m1", 1, "secret plans")));
            Path file = cache.file();
            assertThat(file.getParent()).isEqualTo(profile.resolve("cache"));
            assertThat(Files.getPosixFilePermissions(file.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String name : List.of("", "-wal", "-shm")) {
                Path f = file.resolveSibling(file.getFileName() + name);
                assertThat(f).as(f + " exists while the cache is open").exists();
                assertThat(Files.getPosixFilePermissions(f)).as(f.toString())
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(file.getFileName().toString()).doesNotContain("leo").matches("[0-9a-f]{32}\\.db");
        }
    }

    @Test
    void twoConnectionsOpeningANewFileAtOnceBothWorkOnOneSchema() throws Exception {
        Path profile = home.resolve("work");
        for (int round = 0; round < 5; round++) {
            String user = "leo" + round;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<LocalCache> open = () -> {
                together.await();
                return LocalCache.open(profile, URL, APP_KEY, user);
            };
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = pool.submit(open);
                var second = pool.submit(open);
                try (LocalCache a = first.get(); LocalCache b = second.get()) {
                    a.addToOutbox(new OutboxMessage(dev.parley.client.ChatMessage.createTextSendMessage("roy", "hi"),
                            java.time.Instant.ofEpochMilli(1)));
                    assertThat(b.outbox()).hasSize(1);
                }
            }
        }
        assertThat(logged).as("nothing moved aside").isEmpty();
    }

    @Test
    void looserModesLeftBehindAreTightenedAtOpening() throws IOException {
        Path profile = home.resolve("work");
        Path file;
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            file = cache.file();
        }
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            assertThat(Files.getPosixFilePermissions(file.getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void anotherUserServerAppOrProfileSeesNoneOfLeosRows() {
        Path work = home.resolve("work");
        ReceivedMessage m = fromRoy("m1", 1, "for leo only");
        try (LocalCache leo = LocalCache.open(work, URL, APP_KEY, "leo")) {
            leo.putConversations(List.of(conversation("roy", "Roy", m, 1)));
            leo.putMessages(List.of(m));
            leo.addToOutbox(new OutboxMessage(ChatMessage.createTextSendMessage("roy", "draft"), m.time()));
        } // signed out

        for (LocalCache other : List.of(LocalCache.open(work, URL, APP_KEY, "amy"),
                LocalCache.open(work, "ws://elsewhere:8080/websocket", APP_KEY, "leo"),
                LocalCache.open(work, URL, "other#app", "leo"),
                LocalCache.open(home.resolve("personal"), URL, APP_KEY, "leo"))) {
            try (other) {
                assertThat(other.conversations()).isEmpty();
                assertThat(other.recentMessages(ROY, 10)).isEmpty();
                assertThat(other.outbox()).isEmpty();
            }
        }
        try (LocalCache leoAgain = LocalCache.open(work, URL, APP_KEY, "LEO")) { // user ids are case-insensitive
            assertThat(leoAgain.conversations()).hasSize(1);
            assertThat(leoAgain.recentMessages(ROY, 10)).containsExactly(m);
            assertThat(leoAgain.outbox()).hasSize(1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsMovedAsideForAnEmptyCache() throws IOException {
        Path profile = home.resolve("work");
        Path file;
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            cache.putMessages(List.of(fromRoy("m1", 1, "hello")));
            file = cache.file();
        }
        byte[] garbage = new byte[8192];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(file, garbage);

        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            assertThat(cache.recentMessages(ROY, 10)).isEmpty();
            cache.putMessages(List.of(fromRoy("m2", 2, "a fresh start")));
            assertThat(cache.recentMessages(ROY, 10)).extracting(ReceivedMessage::id).containsExactly("m2");
        }
        assertThat(movedAside(file)).singleElement().satisfies(aside -> {
            assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);
            assertThat(Files.getPosixFilePermissions(aside)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        });
        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains("could not be used", "moved it to", "started an empty one");
        });
    }

    @Test
    void damagedPagesFoundAfterOpeningAlsoStartItOver() throws IOException {
        Path profile = home.resolve("work");
        Path file;
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            cache.putMessages(IntStream.range(0, 300).mapToObj(i -> fromRoy("m" + i, i, "message number " + i
                    + " with some text to fill the pages of the history table")).toList());
            file = cache.file();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) { // every page after the schema's
            byte[] garbage = "this page was overwritten ".repeat(200).getBytes(StandardCharsets.US_ASCII);
            for (long at = 12 * 4096L; at < raf.length(); at += 4096) {
                raf.seek(at);
                raf.write(garbage, 0, 4096);
            }
        }

        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            assertThat(cache.recentMessages(ROY, 500)).isEmpty();
            cache.putMessages(List.of(fromRoy("new", 1, "after")));
            assertThat(cache.recentMessages(ROY, 10)).extracting(ReceivedMessage::id).containsExactly("new");
        }
        assertThat(movedAside(file)).hasSize(1);
        assertThat(logged).singleElement().extracting(LogRecord::getMessage).asString().contains("malformed");
    }

    @Test
    void aCacheOfANewerAppVersionIsMovedAside() throws Exception {
        Path profile = home.resolve("work");
        Path file;
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            cache.putMessages(List.of(fromRoy("m1", 1, "hello")));
            file = cache.file();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            assertThat(cache.recentMessages(ROY, 10)).isEmpty();
        }
        assertThat(movedAside(file)).hasSize(1);
        assertThat(logged).singleElement().extracting(LogRecord::getMessage).asString().contains("newer");
    }

    private static List<Path> movedAside(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.db\\.corrupt-\\d+")).toList();
        }
    }
}
