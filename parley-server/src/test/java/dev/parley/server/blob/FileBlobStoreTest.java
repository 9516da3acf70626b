package dev.parley.server.blob;

import static dev.parley.server.blob.BlobFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The file store: the {@link BlobStoreContract}, and what is its own: where the files are and who may read them,
 * that a refused upload leaves no byte on disk, and what it cleans up after a crash.
 */
class FileBlobStoreTest extends BlobStoreContract {

    @Override
    BlobStore open(Path dataDir, Clock clock, ThreadPoolExecutor thumbnails) {
        return BlobStores.openFiles(dataDir, clock, thumbnails);
    }

    @Override
    BlobStore open(Path dataDir, Clock clock, Thumbnailer thumbnailer) {
        return FileBlobStore.open(dataDir.resolve(FileBlobStore.DIRECTORY), clock, thumbnailer);
    }

    private Path root() {
        return dir.resolve("blobs");
    }

    /** Every file under the blob directory, relative, with its mode. */
    private Map<String, String> tree() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root())) {
            for (Path p : all.toList()) {
                files.put(root().relativize(p).toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return files;
    }

    @Test
    void filesAreFannedOutByUuidAndOnlyTheOwnerOfTheServerCanReadThem() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Blob image = put("leo", "x.png", "", BlobFixtures.noisePng(60, 40, 1));
        String prefix = image.uuid().substring(0, 2);

        Map<String, String> tree = tree();

        assertThat(tree).containsEntry("", "rwx------")
                .containsEntry(prefix, "rwx------")
                .containsEntry(prefix + "/" + image.uuid(), "rw-------")
                .containsEntry(prefix + "/" + image.uuid() + ".thumb", "rw-------")
                .containsEntry("blobs.db", "rw-------");
        assertThat(tree.entrySet()).allSatisfy(e -> assertThat(e.getValue()).isIn("rwx------", "rw-------"));
        assertThat(Files.readAllBytes(root().resolve(prefix).resolve(image.uuid())))
                .isEqualTo(readAll(store.open(image.uuid(), image.secret()).stream()));
    }

    @Test
    void aRefusedUploadLeavesNoFileBehind() throws IOException {
        put("leo", "small", "", text("small"));
        Map<String, String> before = tree();

        assertThatThrownBy(() -> store.store(new NewBlob("leo", "big", ""),
                new BlobFixtures.GeneratedStream(11L * 1024 * 1024, 1), TEN_MB))
                .isInstanceOf(BlobException.TooLarge.class);

        assertThat(tree().keySet()).isEqualTo(before.keySet());
        try (Stream<Path> all = Files.walk(root())) {
            assertThat(all.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void whatAKilledUploadLeftIsCleanedUpAtStart() throws IOException {
        Blob kept = put("leo", "kept.png", "", BlobFixtures.noisePng(40, 40, 2));
        Blob lostFile = put("leo", "lost", "", text("lost"));
        store.close();
        Path fanOut = root().resolve("0f");
        Files.createDirectories(fanOut);
        String cut = "0f000000-0000-4000-8000-000000000001";
        String orphan = "0f000000-0000-4000-8000-000000000002";
        Files.write(fanOut.resolve(cut + ".part"), new byte[1000]);          // an upload cut off mid-stream
        Files.write(fanOut.resolve(cut + ".thumb.part"), new byte[10]);      // its thumbnail, half written
        Files.write(fanOut.resolve(orphan), new byte[10]);                  // renamed, but killed before its row
        Files.write(fanOut.resolve(orphan + ".thumb"), new byte[10]);
        Files.write(fanOut.resolve("README"), new byte[3]);                 // not the store's: left alone
        Files.delete(root().resolve(lostFile.uuid().substring(0, 2)).resolve(lostFile.uuid()));

        store = open(dir, clock, thumbnails);

        try (Stream<Path> files = Files.list(fanOut)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("README");
        }
        assertThat(store.find(lostFile.uuid())).as("a row without its file is dropped").isEmpty();
        assertThat(store.find(kept.uuid())).contains(kept);
        assertThat(store.openThumbnail(kept.uuid(), kept.secret())).isPresent();
    }
}
