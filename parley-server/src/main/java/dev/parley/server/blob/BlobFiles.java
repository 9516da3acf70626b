package dev.parley.server.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a {@link FileBlobStore}'s files live, and how they get there. Under the root ({@code <data-dir>/blobs}), a
 * blob is the file {@code ab/<uuid>} (the first two characters of its uuid name one of at most 256 directories, so
 * that no directory holds more than a 256th of them) and its thumbnail {@code ab/<uuid>.thumb}.
 * <p>
 * Every file is first written as {@code <name>.part} in the same directory, synced, then renamed to its name (an
 * atomic rename within one directory) and the directory synced: a crash leaves either the whole file under its name
 * or a {@code .part} file, never half a file under a real name. Directories are created 700 and files 600 from their
 * first byte (whatever the umask, which can only take permissions away), like the rest of the data dir.
 * <p>
 * Threading: stateless apart from the root; any method may be called from any thread.
 */
final class BlobFiles {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final String PART = ".part";
    static final String THUMBNAIL = ".thumb";

    private final Path root;

    /**
     * The layout under {@code root}. The root and its 256 fan-out directories are created (700) when missing and made
     * 700 when they exist, once here, so that an upload never creates (and a refused one never leaves) a directory.
     */
    BlobFiles(Path root) throws IOException {
        this.root = root;
        createPrivateDirectory(root);
        for (int i = 0; i < 256; i++) {
            createPrivateDirectory(root.resolve(String.format("%02x", i)));
        }
    }

    Path root() {
        return root;
    }

    Path blob(String uuid) {
        return root.resolve(uuid.substring(0, 2)).resolve(uuid);
    }

    Path thumbnail(String uuid) {
        return root.resolve(uuid.substring(0, 2)).resolve(uuid + THUMBNAIL);
    }

    /**
     * Creates a new, empty, private {@code target.part} beside {@code target} (and its directory again, should someone
     * have removed it).
     */
    Path newPart(Path target) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + PART);
        FileAttribute<?>[] attributes = isPosix(root)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        try {
            Files.createFile(part, attributes);
        } catch (java.nio.file.NoSuchFileException directoryGone) {
            createPrivateDirectory(target.getParent());
            Files.createFile(part, attributes);
        }
        return part;
    }

    /** Renames the synced {@code part} to {@code target} atomically. The directory is synced by {@link #sync}. */
    static void publish(Path part, Path target) throws IOException {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code bytes} to {@code target} durably (through a synced {@code .part} file), but for the directory. */
    void write(Path target, byte[] bytes) throws IOException {
        Path part = newPart(target);
        try {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            publish(part, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /**
     * Syncs {@code directory}, so that the renames and deletions in it are on disk. File systems without POSIX
     * semantics (Windows) cannot open a directory; their renames are journaled by the file system itself.
     */
    static void sync(Path directory) throws IOException {
        if (!isPosix(directory)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The fan-out directories that exist now (two lower-case hex digits). */
    List<Path> fanOutDirectories() throws IOException {
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().matches("[0-9a-f]{2}")
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    directories.add(entry);
                }
            }
        }
        return directories;
    }

    /** Deletes {@code path} if it exists; a failure is reported as {@code false}, not thrown. */
    static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates {@code file} empty and mode 600 unless it exists; an existing one is made 600. */
    static void createPrivateFile(Path file) throws IOException {
        boolean posix = isPosix(file.getParent());
        try {
            Files.createFile(file, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException exists) {
            if (posix) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (isPosix(directory) && !Files.getPosixFilePermissions(directory).equals(DIRECTORY)) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
            }
            return;
        }
        Files.createDirectories(directory.getParent());
        try {
            if (isPosix(directory.getParent())) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw raced;
            }
        }
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }
}
