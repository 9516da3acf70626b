package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Construction opens nothing; a start that fails releases everything it had started. */
class ServerLifecycleTest {
    @TempDir
    Path dir;

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Threads the server starts: its own pools, the writer and the timer, Grizzly's selectors and timers. */
    private static Set<String> serverThreads() {
        return liveThreads().stream()
                .filter(n -> n.startsWith("parley-") || n.startsWith("grizzly") || n.startsWith("Grizzly"))
                .collect(Collectors.toSet());
    }

    /** Files of {@code dir} this process holds open (Linux: the links in /proc/self/fd). */
    private static List<Path> openFilesIn(Path dir) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Path real = dir.toRealPath();
        try (Stream<Path> links = Files.list(fds)) {
            return links.flatMap(link -> {
                try {
                    return Stream.of(Files.readSymbolicLink(link));
                } catch (IOException | UnsupportedOperationException gone) {
                    return Stream.empty();
                }
            }).filter(target -> target.startsWith(real)).toList();
        }
    }

    @Test
    void constructingOpensAndBindsNothing() {
        Path data = dir.resolve("data");
        ParleyServer server = new ParleyServer(ServerConfig.builder().dataDir(data).port(0).build());
        assertThat(data).doesNotExist();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        server.close();
        assertThatThrownBy(server::start).as("a closed server does not start").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServerStartsOnce() throws IOException {
        try (ParleyServer server = new ParleyServer(ServerConfig.builder().dataDir(dir).port(0).build())) {
            assertThat(server.start()).isSameAs(server);
            assertThat(server.port()).isPositive();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");
        }
    }

    @Test
    void aStartOnATakenPortFailsAndReleasesTheStoreAndEveryThread() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to see open files");
        Set<String> before = serverThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.builder().dataDir(dir).port(taken.getLocalPort()).build();
            ParleyServer server = new ParleyServer(config);
            assertThatThrownBy(server::start).isInstanceOf(BindException.class);

            assertThat(dir.resolve("parley.db")).as("the store was opened before the bind").exists();
            assertThat(openFilesIn(dir)).as("no file of the data dir is still open").isEmpty();
            assertThat(dir.resolve("parley.db-wal")).as("SQLite removes the WAL when its last connection closes")
                    .doesNotExist();
            assertThat(dir.resolve("blobs/blobs.db")).as("the blob store was opened too").exists();
            assertThat(dir.resolve("blobs/blobs.db-wal")).as("and closed").doesNotExist();
            Eventually.await("the server's threads have ended", Duration.ofSeconds(10),
                    () -> before.containsAll(serverThreads()));
            server.close(); // harmless after a failed start
        }
        // the data dir is free: a server starts on it at once, and works
        try (ParleyServer again = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawClient leo = RawClient.signedIn(again, "leo")) {
            assertThat(again.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void closeReleasesTheStoreAndEveryThread() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to see open files");
        Set<String> before = serverThreads();
        ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
        try (RawClient leo = RawClient.signedIn(server, "leo")) {
            assertThat(openFilesIn(dir)).isNotEmpty();
        }
        server.close();
        server.close();
        assertThat(openFilesIn(dir)).isEmpty();
        Eventually.await("the server's threads have ended", Duration.ofSeconds(10),
                () -> before.containsAll(serverThreads()));
    }
}
