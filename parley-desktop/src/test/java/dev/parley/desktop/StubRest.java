package dev.parley.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in REST server for endpoints the real server does not have yet: answers GET requests by path (without the
 * query) with fixed JSON, 404 {@code not_found} otherwise. Plain sockets and HTTP/1.1 with {@code Connection: close};
 * enough for the JDK's HttpClient. Closed by {@link #close()}.
 */
public final class StubRest implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final Thread acceptor;

    public StubRest() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::serve);
    }

    /** The base address, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Answers GET {@code path} with {@code status} and {@code json}. */
    public StubRest answer(String path, int status, String json) {
        answers.put(path, new String[] {Integer.toString(status), json});
        return this;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            String requestLine = in.readLine();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // headers: not needed
            }
            String target = requestLine == null ? "" : requestLine.split(" ")[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String[] answer = answers.getOrDefault(path,
                    new String[] {"404", "{\"error\":\"not_found\",\"error_description\":\"no such resource\"}"});
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the test sees the failure in its client
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
