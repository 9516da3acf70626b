package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which process listens on a local TCP port: the inodes of the listening sockets on that port from
 * {@code /proc/net/tcp} and {@code tcp6}, then the candidate processes' descriptors that are those sockets. Reading
 * another user's descriptors needs root (or that user).
 */
final class Listeners {
    private static final String LISTEN = "0A";

    private Listeners() {
    }

    /** The first of {@code candidates} holding a socket listening on {@code port}; -1 when none does. */
    static long pid(int port, List<Long> candidates) {
        Set<String> sockets = listeningSockets(port);
        if (sockets.isEmpty()) {
            return -1;
        }
        for (long pid : candidates) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    try {
                        if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                            return pid;
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException e) {
                // gone, or not ours to read
            }
        }
        return -1;
    }

    /** {@code socket:[inode]} of every socket listening on {@code port}. */
    private static Set<String> listeningSockets(int port) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        Set<String> out = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length > 9 && f[1].endsWith(suffix) && f[3].equals(LISTEN)) {
                        out.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return out;
    }
}
