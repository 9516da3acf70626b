package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data dir holds every message and the password hashes, so only its owner may read it: the directory is mode 700
 * and every file in it 600, whatever the umask. {@link #secure} creates the directory or repairs an existing one, and
 * {@link #createPrivateFile} creates a file 600 before anyone writes to it. SQLite creates {@code parley.db-wal} and
 * {@code -shm} itself with the permissions of {@code parley.db}, so creating {@code parley.db} 600 first is what
 * keeps them private from their first byte.
 * <p>
 * On a file system without POSIX permissions (Windows) nothing is changed: the directory's ACL, inherited from the
 * user's profile, protects it there.
 */
public final class DataDirectory {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} (and its parents) if missing, and makes it 700 and every regular file directly in it 600.
     *
     * @throws StoreException when the directory cannot be created or its permissions cannot be set
     */
    public static void secure(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!isPosix(dir)) {
                return;
            }
            Files.setPosixFilePermissions(dir, DIRECTORY);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the data directory " + dir + " private (mode 700, files 600): "
                    + e.getMessage(), e);
        }
    }

    /** Creates {@code file} empty and mode 600 unless it exists; an existing one is made 600. */
    public static void createPrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            // made private below
        }
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Makes {@code file} 600 if it exists. */
    static void makePrivate(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isPosix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }
}
