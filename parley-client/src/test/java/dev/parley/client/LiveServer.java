package dev.parley.client;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real Parley server started in-process on a free port of 127.0.0.1 with a temporary data directory, and the clients
 * a test made for it; {@link #close()} closes them all. The server can be restarted on the same port and data.
 */
final class LiveServer implements AutoCloseable {
    static final String APP_KEY = "parley#test";
    /** Reconnect quickly in tests: attempts wait 100 ms instead of Agora's 1–10 s. */
    static final ReconnectPolicy FAST_RECONNECT = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(100));

    private final Path dataDir;
    private final Consumer<ServerConfig.Builder> tweaks;
    private final java.time.Clock clock;
    private final List<ChatClient> clients = new ArrayList<>();
    private ParleyServer server;
    private int port;

    private LiveServer(Path dataDir, Consumer<ServerConfig.Builder> tweaks, java.time.Clock clock) {
        this.dataDir = dataDir;
        this.tweaks = tweaks;
        this.clock = clock;
    }

    static LiveServer start(Path dataDir) {
        return start(dataDir, builder -> { });
    }

    /** A server whose configuration {@code tweaks} may change. */
    static LiveServer start(Path dataDir, Consumer<ServerConfig.Builder> tweaks) {
        return start(dataDir, tweaks, java.time.Clock.systemUTC());
    }

    /** A server on {@code clock} (tests that move the server's time). */
    static LiveServer start(Path dataDir, Consumer<ServerConfig.Builder> tweaks, java.time.Clock clock) {
        LiveServer live = new LiveServer(dataDir, tweaks, clock);
        live.startServer(0);
        return live;
    }

    private void startServer(int onPort) {
        try {
            ServerConfig.Builder config = ServerConfig.builder().dataDir(dataDir).port(onPort).openRegistration(true)
                    .appKey(APP_KEY).rateLimit(100_000, 100_000).frameRate(1e6, 1_000_000);
            tweaks.accept(config);
            server = ParleyServer.start(config.build(), clock);
            port = server.port();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ParleyServer server() {
        return server;
    }

    /** Stops the server (clients see their connections drop). */
    void stop() {
        server.close();
    }

    /** Starts the server again on the same port and data directory. */
    void startAgain() {
        startServer(port);
    }

    /** Options pointing at this server, with the fast reconnect policy. */
    ChatOptions.Builder options() {
        return ChatOptions.builder().appKey(APP_KEY).url(server.wsUrl()).apiUrl(server.apiUrl())
                .reconnectPolicy(FAST_RECONNECT);
    }

    /** A new client (closed with the server) with a recording handler. */
    ChatClient client(RecordingHandler events) {
        return client(options(), events);
    }

    ChatClient client(ChatOptions.Builder options, RecordingHandler events) {
        ChatClient client = ChatClient.create(options.build());
        client.addEventHandler("recorder", events);
        clients.add(client);
        return client;
    }

    /** A one-hour token for {@code user}, registering the user if unknown. */
    String token(String user) {
        return token(user, Duration.ofHours(1));
    }

    String token(String user, Duration ttl) {
        return server.userToken(user, ttl);
    }

    @Override
    public void close() {
        clients.forEach(ChatClient::close);
        server.close();
    }
}
