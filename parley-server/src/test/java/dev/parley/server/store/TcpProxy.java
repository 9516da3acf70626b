package dev.parley.server.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a server on this machine, that a test cuts (as a network failure or a
 * stopped server would: open connections are reset and new ones refused) and restores on the same port.
 * <p>
 * Threading: a virtual thread accepts, two copy each connection's bytes; {@link #cut} and {@link #restore} from the
 * test's thread.
 */
final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        accept(server);
    }

    /** The proxy's port on the loopback address. */
    int port() {
        return port;
    }

    /** New connections are refused and open ones closed until {@link #restore}. */
    void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Listens again on the same port. */
    void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = again;
        accept(again);
    }

    private void accept(ServerSocket listening) {
        Thread.ofVirtual().name("tcp-proxy-accept").start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(targetHost, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    copy(client, upstream);
                    copy(upstream, client);
                } catch (IOException e) {
                    return; // cut
                }
            }
        });
    }

    private void copy(Socket from, Socket to) {
        Thread.ofVirtual().name("tcp-proxy-copy").start(() -> {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side closed: both are closed
            }
        });
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
