package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, whose faults a test controls: it can delay every chunk, stall all
 * traffic (connections stay open, nothing moves), cut every connection at once (RST), and drop new connections right
 * after the client's first bytes (a server that dies during the WebSocket upgrade). One virtual thread per direction
 * and connection.
 * <p>
 * In front of several servers it is a TCP load balancer, as a cluster runs behind one (HAProxy, nginx stream): each
 * new connection goes to the next server in turn, and to the one after when a server refuses it (it is down).
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int[] targetPorts;
    private final AtomicInteger nextTarget = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flowing = lock.newCondition();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long delayNanos;
    private volatile boolean stalled;
    private volatile boolean dropUpgrades;
    private volatile boolean closed;

    TcpProxy(int... targetPorts) {
        if (targetPorts.length == 0) {
            throw new IllegalArgumentException("no target");
        }
        this.targetPorts = targetPorts.clone();
        try {
            this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Holds every chunk back this long before forwarding it (0: none). */
    void delay(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Stops forwarding anything, in both directions, on every connection, until {@link #resume()}. */
    void stall() {
        stalled = true;
    }

    void resume() {
        lock.lock();
        try {
            stalled = false;
            flowing.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** New connections are reset as soon as the client has sent its first bytes. */
    void dropUpgrades(boolean drop) {
        dropUpgrades = drop;
    }

    /** Resets every open connection (both sides see a connection reset). */
    void cut() {
        for (Socket s : sockets) {
            reset(s);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                client.setTcpNoDelay(true);
                sockets.add(client);
                Thread.ofVirtual().name("proxy-connect").start(() -> open(client));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void open(Socket client) {
        try {
            if (dropUpgrades) {
                client.getInputStream().read(new byte[1024]);
                reset(client);
                sockets.remove(client);
                return;
            }
            Socket server = connectToATarget();
            server.setTcpNoDelay(true);
            sockets.add(server);
            Thread.ofVirtual().name("proxy-up").start(() -> pump(client, server));
            Thread.ofVirtual().name("proxy-down").start(() -> pump(server, client));
        } catch (IOException e) {
            reset(client);
            sockets.remove(client);
        }
    }

    /** The next target in turn that accepts the connection; the last refusal when none does. */
    private Socket connectToATarget() throws IOException {
        int first = Math.floorMod(nextTarget.getAndIncrement(), targetPorts.length);
        IOException refused = null;
        for (int i = 0; i < targetPorts.length; i++) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), targetPorts[(first + i) % targetPorts.length]);
            } catch (IOException e) {
                refused = e;
            }
        }
        throw refused;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                awaitFlowing();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut or closed by the other side
        } catch (IOException e) {
            // the connection ended
        } finally {
            reset(from);
            reset(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Waits out a stall and the configured delay. */
    private void awaitFlowing() {
        lock.lock();
        try {
            long delay = delayNanos;
            while (delay > 0) {
                delay = flowing.awaitNanos(delay);
            }
            while (stalled && !closed) {
                flowing.awaitUninterruptibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cut();
    }
}
