package dev.parley.desktop.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the {@link LocalCache}'s databases live and who may read them: the directory {@value #DIRECTORY} of the
 * profile's directory, mode 700, and in it one file per server, app key and user, {@code <hash>.db}, mode 600, as are
 * SQLite's {@code -wal} and {@code -shm} files beside it. On a file system without POSIX permissions (Windows) the
 * files get the system's defaults (the user's profile directory is private there). Stateless; any thread.
 */
final class CacheFiles {
    /** The cache's directory in the profile's directory. */
    static final String DIRECTORY = "cache";
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private CacheFiles() {
    }

    /**
     * The database of {@code user} (in any case) at {@code serverUrl} with {@code appKey}, in {@code profileDir}. The
     * name is a hash of the three, so it holds no user id or address and nothing else shares it.
     */
    static Path database(Path profileDir, String serverUrl, String appKey, String user) {
        String key = serverUrl.strip() + "\n" + appKey.strip() + "\n" + user.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return profileDir.resolve(DIRECTORY).resolve(HexFormat.of().formatHex(hash, 0, 16) + ".db");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Makes the database's directory (mode 700) and an empty database file (mode 600) when they are missing, and
     * takes away what others may do with existing ones, before SQLite opens the file. SQLite gives its {@code -wal}
     * and {@code -shm} files the database file's mode.
     */
    static void prepare(Path database) throws IOException {
        Path directory = database.getParent();
        if (Files.notExists(directory)) {
            Files.createDirectories(directory);
        }
        ownerOnly(directory, DIRECTORY_MODE);
        if (Files.notExists(database)) {
            try {
                Files.createFile(database, PosixFilePermissions.asFileAttribute(FILE_MODE));
            } catch (UnsupportedOperationException e) { // no POSIX permissions here (Windows)
                createIfMissing(database);
            } catch (FileAlreadyExistsException e) { // another connection (the outbox's, the list's) made it
            }
        }
        ownerOnly(database, FILE_MODE);
    }

    private static void createIfMissing(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) { // made meanwhile
        }
    }

    /** Sets mode 600 on SQLite's files beside the database that exist now (after it was opened). */
    static void ownerOnlyCompanions(Path database) throws IOException {
        for (String suffix : COMPANIONS) {
            Path companion = companion(database, suffix);
            if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
                ownerOnly(companion, FILE_MODE);
            }
        }
    }

    /**
     * Moves a damaged database and SQLite's files beside it out of the way, to {@code <name>.corrupt-<millis>}, where
     * they keep their mode; returns the new name of the database.
     */
    static Path moveAside(Path database) throws IOException {
        String aside = database.getFileName() + ".corrupt-" + System.currentTimeMillis();
        for (String suffix : COMPANIONS) {
            Path companion = companion(database, suffix);
            if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(companion, database.resolveSibling(aside + suffix), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path target = database.resolveSibling(aside);
        Files.move(database, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static Path companion(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !view.readAttributes().permissions().equals(mode)) {
            view.setPermissions(mode);
        }
    }
}
