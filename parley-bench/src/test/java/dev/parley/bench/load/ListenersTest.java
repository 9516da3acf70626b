package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Listeners} finds the process that listens on a port among candidates, and no process for a closed port. */
class ListenersTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void findsTheCandidateListeningOnThePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(Listeners.pid(socket.getLocalPort(), List.of(1L, SELF))).isEqualTo(SELF);
        }
    }

    @Test
    void findsNoneWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(Listeners.pid(port, List.of(SELF))).isEqualTo(-1);
    }
}
