package dev.parley.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP forwarder to a test server that can hold new connections (accepted, but not passed on until released), so
 * that a test can see what the app shows before the server answers. Each connection is pumped by two virtual
 * threads. Closing it closes every socket.
 */
public final class HoldingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** A proxy on a free port of the loopback address to {@code targetPort} there. */
    public HoldingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    /** The address of the server through the proxy. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + "/websocket";
    }

    /** New connections wait until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Connections go through (the held ones too). */
    public void release() {
        gate.countDown();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                track(client);
                CountDownLatch waitFor = gate;
                Thread.ofVirtual().start(() -> connect(client, waitFor));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client, CountDownLatch waitFor) {
        try {
            waitFor.await();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            track(server);
            Thread.ofVirtual().start(() -> pump(client, server));
            pump(server, client);
        } catch (IOException | InterruptedException e) {
            quietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            quietly(from);
            quietly(to);
        }
    }

    private synchronized void track(Socket socket) {
        sockets.add(socket);
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public synchronized void close() throws IOException {
        release();
        listener.close();
        sockets.forEach(HoldingProxy::quietly);
    }
}
