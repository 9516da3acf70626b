package dev.parley.desktop.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How the profile's own files (the removed conversations) are written: a temporary file readable and
 * writable by its owner only (mode 600 where the file system has POSIX permissions), forced to disk, then moved over
 * the old one atomically, so a crash leaves the old file or the new one, never half of one.
 */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Replaces {@code directory}/{@code name} with {@code text} (UTF-8), creating the directory if needed. */
    static void replace(Path directory, String name, String text) throws IOException {
        Files.createDirectories(directory);
        Path temp = directory.resolve(name + ".tmp");
        Path file = directory.resolve(name);
        Files.deleteIfExists(temp);
        createOwnerOnly(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) { // no POSIX permissions here (Windows)
            Files.createFile(path);
        }
    }
}
