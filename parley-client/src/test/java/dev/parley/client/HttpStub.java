package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server for REST and file transfer tests, on the JDK's {@code com.sun.net.httpserver}: routes by method
 * and path (without the query), records every request, and answers 404 {@code not_found} for anything unrouted. A
 * route either answers with fixed JSON ({@link #json}), which reads and records the whole body first, or handles the
 * exchange itself (streaming), recording what it wants with {@link #record}. Closed by {@link #close()}.
 */
final class HttpStub implements AutoCloseable {
    /** A request as the stub saw it. */
    record Request(String method, String path, String query, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Handles one exchange. */
    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    final List<Request> all = new CopyOnWriteArrayList<>();

    HttpStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** The base address, {@code http://127.0.0.1:PORT}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Routes {@code method path} (the path below the root, such as {@code /parley/test/chatfiles}). */
    HttpStub on(String method, String path, Route route) {
        routes.put(method + " " + path, route);
        return this;
    }

    /** Answers {@code method path} with {@code status} and {@code json}, after reading the request's body. */
    HttpStub json(String method, String path, int status, String json) {
        return on(method, path, exchange -> {
            record(exchange, exchange.getRequestBody().readAllBytes());
            respond(exchange, status, json);
        });
    }

    /** Records a request that a route handled itself. */
    Request record(HttpExchange exchange, byte[] body) {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body);
        all.add(request);
        requests.add(request);
        return request;
    }

    /** The next request recorded, within 5 seconds. */
    Request next() {
        try {
            Request request = requests.poll(5, TimeUnit.SECONDS);
            assertThat(request).as("a request within 5 s").isNotNull();
            return request;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether a request arrives within {@code wait} (it is then consumed). */
    boolean requestWithin(java.time.Duration wait) throws InterruptedException {
        return requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Route route = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            if (route == null) {
                record(exchange, exchange.getRequestBody().readAllBytes());
                respond(exchange, 404, "{\"error\":\"not_found\",\"error_description\":\"no such resource\"}");
                return;
            }
            route.handle(exchange);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
