package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.HeapSnapshot;
import dev.parley.server.testing.PostgresTestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL store: the {@link BlobStoreContract} on a fresh database per test, and what is its own: two nodes
 * on one database see and sweep each other's blobs, nodes starting at once make the tables once, an upload is seen
 * by no one before it is stored and leaves nothing when cut off or when the database goes away, and a large upload
 * and download hold one chunk at a time.
 */
class PostgresBlobStoreTest extends BlobStoreContract {
    private static final int CHUNK = BlobChunks.CHUNK_BYTES;

    private PostgresTestDatabase database;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The contract's store, on a pool of its own; {@code dataDir} is not used. */
    @Override
    BlobStore open(Path dataDir, Clock clock, ThreadPoolExecutor thumbnails) {
        return BlobStores.openPostgres(pool(), clock, thumbnails);
    }

    @Override
    BlobStore open(Path dataDir, Clock clock, Thumbnailer thumbnailer) {
        return PostgresBlobStore.open(pool(), clock, thumbnailer);
    }

    /** A store on the same database with a pool of its own, as another node would have it. */
    private BlobStore node() {
        BlobStore node = BlobStores.openPostgres(pool(), clock, thumbnails);
        opened.add(node);
        return node;
    }

    private DataSource pool() {
        return pool(true);
    }

    private DataSource pool(boolean autoCommit) {
        if (database == null) {
            database = PostgresTestDatabase.create();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        config.setAutoCommit(autoCommit);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        return pool;
    }

    /** Runs before the contract closes its store: a store does not own its pool. */
    @AfterEach
    void dropDatabase() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** How many rows {@code table} has, as a connection of its own sees them. */
    private long rows(String table) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoNodesOnOneDatabaseSeeEachOthersBlobsAtOnce() {
        BlobStore other = node();
        byte[] png = BlobFixtures.noisePng(200, 100, 2);

        Blob image = put("leo", "a.png", "", png);
        Blob file = other.store(new NewBlob("roy", "b.txt", "text/plain"), new ByteArrayInputStream(text("b")), 10);

        assertThat(other.find(image.uuid())).contains(image);
        assertThat(readAll(other.open(image.uuid(), image.secret()).stream())).isEqualTo(png);
        assertThat(readAll(other.openThumbnail(image.uuid(), image.secret()).orElseThrow().stream()))
                .isEqualTo(readAll(store.openThumbnail(image.uuid(), image.secret()).orElseThrow().stream()));
        assertThat(store.find(file.uuid())).contains(file);
        assertThat(other.markReferenced(List.of(image.uuid()))).isOne();
        assertThat(store.find(image.uuid())).contains(image.asReferenced());
        assertThat(store.deleteAll(List.of(file.uuid()))).containsExactly(file.uuid());
        assertThatThrownBy(() -> other.open(file.uuid(), file.secret())).isInstanceOf(BlobException.NotFound.class);
    }

    @Test
    void everyChangeIsCommittedEvenFromAPoolInManualCommitMode() {
        store.close();
        store = BlobStores.openPostgres(pool(false), clock, thumbnails); // as a message store's pool may be set up
        BlobStore other = node();
        Blob sent = put("leo", "a", "", text("a"));
        Blob removed = put("leo", "b", "", text("b"));
        Blob loose = put("leo", "c", "", text("c"));
        clock.advance(Duration.ofHours(25));

        store.markReferenced(List.of(sent.uuid()));
        store.deleteAll(List.of(removed.uuid()));
        store.deleteUnreferencedBefore(clock.instant().minus(Duration.ofHours(24)), 10);

        assertThat(other.find(sent.uuid())).contains(sent.asReferenced());
        assertThat(other.find(removed.uuid())).isEmpty();
        assertThat(other.find(loose.uuid())).isEmpty();
    }

    @Test
    void twoNodesSweepingAtOnceRemoveEachUploadExactlyOnce() throws Exception {
        BlobStore other = node();
        Set<String> uploaded = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            uploaded.add(put("leo", "f" + i, "", text("upload " + i)).uuid());
        }
        clock.advance(Duration.ofHours(25));
        Instant cutoff = clock.instant().minus(Duration.ofHours(24));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> sweeps = new ArrayList<>();
            for (BlobStore node : List.of(store, other)) {
                sweeps.add(sweepers.submit(() -> {
                    go.await();
                    List<String> removed = new ArrayList<>();
                    List<String> step;
                    do {
                        step = node.deleteUnreferencedBefore(cutoff, 3);
                        removed.addAll(step);
                    } while (!step.isEmpty());
                    return removed;
                }));
            }
            go.countDown();
            List<String> removed = new ArrayList<>(sweeps.get(0).get(30, TimeUnit.SECONDS));
            removed.addAll(sweeps.get(1).get(30, TimeUnit.SECONDS));

            assertThat(removed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uploaded);
            assertThat(rows("blob_chunks")).isZero();
        } finally {
            sweepers.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSweepPassesOverABlobBeingMarkedWithoutWaitingAndNeverRemovesIt() throws SQLException {
        Blob marking = put("leo", "a", "", text("a"));
        Blob loose = put("leo", "b", "", text("b"));
        clock.advance(Duration.ofHours(25));
        Instant cutoff = clock.instant().minus(Duration.ofHours(24));

        try (Connection node = database.dataSource().getConnection()) {
            node.setAutoCommit(false);
            try (PreparedStatement mark = node.prepareStatement(
                    "UPDATE blobs SET referenced = true WHERE uuid = ?::uuid")) {
                mark.setString(1, marking.uuid());
                assertThat(mark.executeUpdate()).isOne();
            }
            // The mark is not committed yet: its row is locked, and the sweep goes past it.
            assertThat(store.deleteUnreferencedBefore(cutoff, 10)).containsExactly(loose.uuid());
            node.commit();
        }

        assertThat(store.deleteUnreferencedBefore(cutoff, 10)).isEmpty();
        assertThat(store.find(marking.uuid())).hasValueSatisfying(b -> assertThat(b.referenced()).isTrue());
    }

    @Test
    void nodesStartingAtOnceMakeTheTablesOnce() throws Exception {
        try (PostgresTestDatabase fresh = PostgresTestDatabase.create()) {
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService starting = Executors.newFixedThreadPool(4);
            try {
                List<Future<BlobStore>> nodes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    nodes.add(starting.submit(() -> {
                        go.await();
                        return BlobStores.openPostgres(fresh.dataSource(), clock, thumbnails);
                    }));
                }
                go.countDown();
                for (Future<BlobStore> node : nodes) {
                    node.get(30, TimeUnit.SECONDS).close();
                }
            } finally {
                starting.shutdownNow();
            }
            try (Connection connection = fresh.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet versions = statement.executeQuery("SELECT version FROM blob_schema_version")) {
                List<Integer> applied = new ArrayList<>();
                while (versions.next()) {
                    applied.add(versions.getInt(1));
                }
                assertThat(applied).containsExactly(1);
            }
        }
    }

    @Test
    void tablesOfANewerServerAreRefused() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO blob_schema_version (version, script) VALUES (2, 'V2__future.sql')");
        }

        assertThatThrownBy(() -> BlobStores.openPostgres(database.dataSource(), clock, thumbnails))
                .isInstanceOf(BlobException.Unavailable.class).hasMessageContaining("upgrade the server");
    }

    @Test
    void anUploadIsSeenByNoNodeUntilItIsStoredAndOneCutOffLeavesNoChunk() {
        BlobStore other = node();
        List<String> seenMidway = new ArrayList<>();
        long[] chunksMidway = {-1};
        BlobFixtures.GeneratedStream whole = new BlobFixtures.GeneratedStream(4L * CHUNK, 1) {
            @Override
            void onRead(long soFar) {
                if (soFar == 3L * CHUNK) { // three chunks written, uncommitted
                    seenMidway.addAll(other.unreferencedBefore(Instant.MAX, 10));
                    chunksMidway[0] = rows("blob_chunks");
                }
            }
        };
        BlobFixtures.GeneratedStream cut = new BlobFixtures.GeneratedStream(4L * CHUNK, 2) {
            @Override
            void onRead(long soFar) {
                if (soFar == 3L * CHUNK) {
                    throw new UncheckedIOException(new IOException("the client went away"));
                }
            }
        };

        Blob blob = store.store(new NewBlob("leo", "whole.bin", ""), whole, TEN_MB);
        assertThatThrownBy(() -> store.store(new NewBlob("leo", "cut.bin", ""), cut, TEN_MB))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(seenMidway).isEmpty();
        assertThat(chunksMidway[0]).isZero();
        assertThat(other.unreferencedBefore(Instant.MAX, 10)).containsExactly(blob.uuid());
        assertThat(rows("blob_chunks")).as("the whole upload's chunks only").isEqualTo(4);
    }

    @Test
    void theDatabaseGoingAwayMidUploadLeavesNoBlobAndAnswersUnavailableAtOnce() {
        store.close();
        store = BlobStores.openPostgres(database.dataSource(), clock, thumbnails); // a new connection each time
        int[] ended = {0};
        BlobFixtures.GeneratedStream content = new BlobFixtures.GeneratedStream(TEN_MB, 3) {
            @Override
            void onRead(long soFar) {
                if (soFar == 4L * CHUNK) { // as a restart of PostgreSQL would
                    ended[0] = database.terminateConnections();
                }
            }
        };

        long started = System.nanoTime();
        assertThatThrownBy(() -> store.store(new NewBlob("leo", "x.bin", ""), content, TEN_MB))
                .isInstanceOf(BlobException.Unavailable.class);
        Duration answered = Duration.ofNanos(System.nanoTime() - started);

        assertThat(ended[0]).as("the upload's session was ended").isGreaterThanOrEqualTo(1);
        assertThat(answered).isLessThan(Duration.ofSeconds(5));
        assertThat(content.bytesRead()).as("no reading on once the database refused a chunk").isEqualTo(4L * CHUNK);
        assertThat(rows("blobs")).isZero();
        assertThat(rows("blob_chunks")).isZero();
        Blob after = put("leo", "after", "", text("after"));
        assertThat(readAll(store.open(after.uuid(), after.secret()).stream())).isEqualTo(text("after"));
    }

    @Test
    void anUnreachableDatabaseIsUnavailableAtOnce() throws IOException {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere.setPortNumbers(new int[] {closed.getLocalPort()});
        }
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setDatabaseName("parley");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(5);

        long started = System.nanoTime();
        assertThatThrownBy(() -> BlobStores.openPostgres(nowhere, clock, thumbnails))
                .isInstanceOf(BlobException.Unavailable.class).hasMessageContaining("PostgreSQL");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBlobRemovedWhileItIsReadEndsItsStreamWithAnError() throws IOException {
        Blob blob = store.store(new NewBlob("leo", "x.bin", ""), new BlobFixtures.GeneratedStream(3L * CHUNK, 4),
                TEN_MB);

        try (InputStream in = store.open(blob.uuid(), blob.secret()).stream()) {
            assertThat(in.readNBytes(CHUNK + 10)).hasSize(CHUNK + 10);
            store.delete(blob.uuid());

            assertThat(in.readNBytes(CHUNK - 10)).as("the chunk held is read to its end").hasSize(CHUNK - 10);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("removed");
        }
    }

    @Test
    void aTwentyMegabyteUploadAndItsDownloadHoldOneChunkAtATime() throws IOException {
        long size = 20L * 1024 * 1024;
        HeapSnapshot[] midUpload = new HeapSnapshot[1];
        BlobFixtures.GeneratedStream upload = new BlobFixtures.GeneratedStream(size, 5) {
            @Override
            void onRead(long soFar) {
                if (midUpload[0] == null && soFar >= size / 2) {
                    midUpload[0] = HeapSnapshot.take();
                }
            }
        };
        HeapSnapshot beforeUpload = HeapSnapshot.take();
        Blob blob = store.store(new NewBlob("leo", "big.bin", ""), upload, size);
        HeapSnapshot beforeDownload = HeapSnapshot.take();
        HeapSnapshot midDownload = null;
        MessageDigest read = BlobFixtures.digest();
        try (InputStream in = store.open(blob.uuid(), blob.secret()).stream()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; total += n) {
                read.update(buffer, 0, n);
                if (midDownload == null && total + n >= size / 2) {
                    midDownload = HeapSnapshot.take();
                }
            }
        }

        long uploadGrowth = midUpload[0].used() - beforeUpload.used();
        long downloadGrowth = midDownload.used() - beforeDownload.used();
        System.out.printf("20 MB in PostgreSQL: heap after GC half-way through the upload %+,d bytes, through the"
                + " download %+,d bytes%n", uploadGrowth, downloadGrowth);
        assertThat(blob.size()).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(upload.sha256());
        assertThat(uploadGrowth).as("heap growth half-way through the upload").isLessThan(4L * 1024 * 1024);
        assertThat(downloadGrowth).as("heap growth half-way through the download").isLessThan(4L * 1024 * 1024);
    }
}
