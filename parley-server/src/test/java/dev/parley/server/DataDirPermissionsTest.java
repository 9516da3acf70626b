package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data dir holds every message, the password hashes and the uploaded files: it is 700 and every file in it 600
 * (the blob store's directories 700 too), whatever the umask
 * (the test JVM's is the usual 022, which made them 755 and 644), and an existing, too open data dir is repaired.
 */
class DataDirPermissionsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Every file in {@code dir} with its mode; directories below it (the blob store's) must be 700. */
    private static Map<String, String> modes(Path dir) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> !p.equals(dir)).toList()) {
                if (Files.isDirectory(f)) {
                    assertThat(mode(f)).as(f.toString()).isEqualTo("rwx------");
                } else {
                    modes.put(dir.relativize(f).toString(), mode(f));
                }
            }
        }
        return modes;
    }

    @Test
    void aNewDataDirIsPrivateAndSoIsEveryFileInIt() throws Exception {
        Path data = tmp.resolve("new/data");
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(data).port(0).build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            assertThat(leo.isClosed()).isFalse();
            assertThat(Files.exists(data.resolve("parley.db-wal"))).as("SQLite has its WAL open").isTrue();
            assertThat(mode(data)).isEqualTo("rwx------");
            Map<String, String> modes = modes(data);
            System.out.println("data dir files while running: " + modes);
            assertThat(modes).containsKeys("parley.db", "parley.db-wal", "parley.db-shm", "app.properties",
                    "blobs/blobs.db", "blobs/blobs.db-wal", "blobs/blobs.db-shm");
            assertThat(modes.values()).containsOnly("rw-------");
        }
        assertThat(modes(data).values()).containsOnly("rw-------");
    }

    @Test
    void anExistingDataDirThatIsTooOpenIsRepairedOnStart() throws Exception {
        Path data = tmp.resolve("old");
        try (ParleyServer first = ParleyServer.start(ServerConfig.builder().dataDir(data).port(0).build())) {
            first.userToken("leo", Duration.ofMinutes(1));
        }
        // what an older version (or a careless copy) left behind
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String f : new String[] {"parley.db", "app.properties"}) {
            Files.setPosixFilePermissions(data.resolve(f), PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        Files.writeString(data.resolve("parley.db-wal"), "");
        Files.setPosixFilePermissions(data.resolve("parley.db-wal"), PosixFilePermissions.fromString("rw-r--r--"));

        try (ParleyServer again = ParleyServer.start(ServerConfig.builder().dataDir(data).port(0).build())) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(modes(data).values()).containsOnly("rw-------");
        }
    }
}
