package dev.parley.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for tests that must send what no HTTP client would (partial headers, a body that
 * never comes, a forged Origin) and see exactly what the server answers (the status line, the connection closing).
 */
final class RawHttp implements AutoCloseable {
    /** Stands for {@code Host: 127.0.0.1:<the server's port>} in a request; {@link #send} fills it in. */
    static final String HOST = "Host: {server}";
    static final Duration WAIT = Duration.ofSeconds(Integer.getInteger("rawhttp.wait", 10));

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) WAIT.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp connect(ParleyServer server) {
        return connect(server.port(), InetAddress.getLoopbackAddress());
    }

    /** Connects to 127.0.0.1:{@code port} from the local address {@code from} (another 127.x address on Linux). */
    static RawHttp connect(int port, InetAddress from) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
            return new RawHttp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A complete request with a body, {@code Host} the server's address; {@code extraHeaders} are lines without the
     * CRLF.
     */
    static String post(String path, String contentType, String body, String... extraHeaders) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder r = new StringBuilder("POST " + path + " HTTP/1.1\r\n" + HOST + "\r\n");
        if (contentType != null) {
            r.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String h : extraHeaders) {
            r.append(h).append("\r\n");
        }
        return r.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body).toString();
    }

    static String get(String path, String... extraHeaders) {
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\n" + HOST + "\r\n");
        for (String h : extraHeaders) {
            r.append(h).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    RawHttp send(String text) {
        try {
            String request = text.replace(HOST, "Host: 127.0.0.1:" + socket.getPort());
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response: status line, headers, and the body its Content-Length announces. */
    Response read() {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(statusLine, Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and reads its response. */
    Response exchange(String request) {
        return send(request).read();
    }

    /**
     * Reads (and drops) whatever comes until the server closes the connection; returns how long that took. Fails
     * when it stays open for {@code limit}.
     */
    Duration awaitClosed(Duration limit) {
        long start = System.nanoTime();
        try {
            socket.setSoTimeout((int) limit.toMillis());
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                if (System.nanoTime() - start > limit.toNanos()) {
                    throw new AssertionError("still open after " + limit);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + limit);
        } catch (SocketException reset) {
            // closed with a reset: closed all the same
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = bytes.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    /** A response as it came: {@code statusLine} exactly, e.g. {@code HTTP/1.1 429 Too Many Requests}. */
    record Response(String statusLine, int status, String reason, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** The {@code error} field of a JSON error body. */
        String error() {
            int at = body.indexOf("\"error\":\"");
            return at < 0 ? "" : body.substring(at + 9, body.indexOf('"', at + 9)).toLowerCase(Locale.ROOT);
        }
    }
}
