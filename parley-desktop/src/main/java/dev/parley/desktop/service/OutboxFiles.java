package dev.parley.desktop.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The outbox's own copies of images and files written while they could not be sent: {@code <root>/<localId>/<name>},
 * the directories mode 700 and the files mode 600, as the local cache's. A copy, not the user's path: the original
 * may be moved, edited or deleted before the server is back (a pasted picture is a temporary file deleted at once,
 * and the system's temp directory is emptied at a reboot), and what goes out must be what the user attached then. A
 * copy is at most the server's upload limit, and it is deleted when its message leaves the outbox. Threading: the
 * caller's (the outbox's own thread, or an upload's background thread); every method blocks on the disk.
 */
final class OutboxFiles {
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private OutboxFiles() {
    }

    /** Copies {@code file} to {@code root}/{@code localId}/{@code name}, readable by its owner only; the copy. */
    static Path keep(Path root, String localId, Path file, String name) throws IOException {
        Path directory = root.resolve(safe(localId));
        createDirectory(root);
        createDirectory(directory);
        Path copy = directory.resolve(safe(name));
        if (copy.equals(file)) {
            return copy;
        }
        Files.deleteIfExists(copy);
        try {
            Files.createFile(copy, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (UnsupportedOperationException e) { // no POSIX permissions here (Windows)
            Files.createFile(copy);
        }
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = Files.newOutputStream(copy, StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(out);
        }
        return copy;
    }

    /** Whether {@code file} is a copy kept under {@code root}. */
    static boolean isKept(Path root, Path file) {
        return file.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize());
    }

    /** Deletes the copy of message {@code localId}, if there is one. */
    static void forget(Path root, String localId) throws IOException {
        Path directory = root.resolve(safe(localId));
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // written meanwhile, or gone: nothing to take back
        }
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.notExists(directory)) {
            Files.createDirectories(directory);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(DIRECTORY_MODE)) {
            view.setPermissions(DIRECTORY_MODE);
        }
    }

    /** A single path element: no separators, no "..". */
    private static String safe(String name) {
        String s = name.replaceAll("[/\\\\:\\x00]", "_");
        return s.isBlank() || s.equals(".") || s.equals("..") ? "file" : s;
    }
}
