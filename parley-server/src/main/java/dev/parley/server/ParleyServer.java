package dev.parley.server;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.rest.RestApi;
import dev.parley.server.session.ChatSessions;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.Stores;
import dev.parley.server.account.Accounts;
import dev.parley.server.limit.RateLimiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;

/**
 * A running Parley server: the WebSocket endpoint {@code /websocket} and the REST API on one Grizzly listener, in
 * front of the message store.
 * <p>
 * Lifecycle: {@link #start} opens the store, loads or generates the app credentials and binds the listener; it
 * returns once the server accepts connections. {@link #close} stops accepting, closes every session, commits what
 * the writer holds and closes the store. Tests start one on port 0 and a temporary data dir.
 * <p>
 * Threading: network I/O runs on Grizzly's selector threads with the same-thread strategy; nothing on them blocks on
 * disk. Writes go through one group-commit writer thread; reads and password hashing run on a small pool.
 */
public final class ParleyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParleyServer.class.getName());

    private final ServerConfig config;
    private final App app;
    private final Clock clock;
    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService blocking;
    private final ExecutorService sync;
    private final ChatSessions sessions;
    private final Accounts accounts;
    private final RateLimiter logins;
    private final RateLimiter registrations;
    private final HttpServer http;
    private final int port;

    private ParleyServer(ServerConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.app = App.loadOrCreate(config);
        this.store = Stores.openSqlite(config.dataDir(), clock);
        this.writer = new GroupCommitWriter(store, 512, "parley-writer");
        this.timers = new ScheduledThreadPoolExecutor(1, threads("parley-timer"));
        this.timers.setRemoveOnCancelPolicy(true);
        this.blocking = Executors.newFixedThreadPool(4, threads("parley-io"));
        TokenVerifier verifier = new TokenVerifier(app.credentials(), clock, Duration.ofMinutes(5));
        this.accounts = new Accounts(app, store, writer, clock, config.maxUserTokenTtl());
        this.sync = Executors.newFixedThreadPool(2, threads("parley-sync"));
        this.sessions = new ChatSessions(config, app.key(), verifier, store, writer, timers, blocking, sync, clock);
        this.logins = RateLimiter.perMinute(config.loginRatePerMinute());
        this.registrations = RateLimiter.perMinute(config.registrationRatePerMinute());

        this.http = new HttpServer();
        NetworkListener listener = new NetworkListener("parley", config.host(), config.port());
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setIOStrategy(SameThreadIOStrategy.getInstance())
                .build());
        // WebSocket sessions have their own idle timeout (the endpoint's); HTTP keep-alive must not cut them.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        WebSocketContainer container = new WebSocketContainer(ChatSessions.TRANSPORT_MAX_FRAME,
                sessions.frameListener());
        container.deploy(sessions.endpointConfig());
        listener.registerAddOn(container.addOn());
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(
                new RestApi(app.key(), verifier, store, accounts, config.openRegistration(), logins, registrations,
                        blocking), "/");
        http.getServerConfiguration().setName("parley");
        http.getServerConfiguration().setJmxEnabled(false);
        http.start();
        sessions.start();
        this.port = listener.getPort();
        long sweepMillis = config.sweepInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> blocking.execute(this::sweep), sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a server.
     *
     * @throws ConfigException when the configuration cannot be used
     * @throws IOException     when the address cannot be bound
     */
    public static ParleyServer start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** Starts a server with the given clock (tests). */
    public static ParleyServer start(ServerConfig config, Clock clock) throws IOException {
        return new ParleyServer(config, clock);
    }

    /** The bound TCP port. */
    public int port() {
        return port;
    }

    /** The WebSocket URL clients connect to. */
    public String wsUrl() {
        return "ws://" + hostForUrl() + ":" + port + ChatSessions.PATH;
    }

    /** The REST base URL. */
    public String apiUrl() {
        return "http://" + hostForUrl() + ":" + port;
    }

    /** The app key, {@code org#app}. */
    public String appKey() {
        return app.key().toString();
    }

    /** The app's id and certificate. */
    public AppCredentials credentials() {
        return app.credentials();
    }

    /** Whether the credentials were generated at this start. */
    public boolean generatedCredentials() {
        return app.generated();
    }

    /** Registers a user (blocking). */
    public void registerUser(String username, String password) {
        accounts.register(username, password, "");
    }

    /** Mints a chat user token, registering the user (without a password) if unknown. Blocking. */
    public String userToken(String username, Duration ttl) {
        String user = accounts.ensureUser(username);
        return AccessToken2.buildUserToken(app.credentials(), user, ttl, clock);
    }

    /** Open WebSocket connections, signed in or not (tests check that none leaks). */
    int openConnections() {
        return sessions.connections();
    }

    /** The message store (tests inject store faults through it). */
    MessageStore store() {
        return store;
    }

    private void sweep() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "retention sweep failed", e);
        }
    }

    /** Removes messages older than the retention period now; returns how many. Blocking. */
    int sweepNow() {
        int removed = store.deleteOlderThan(clock.instant().minus(config.retention()));
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "retention: removed {0} messages older than {1}", removed,
                    config.retention());
        }
        sessions.sweep();
        logins.forgetIdle(System.nanoTime());
        registrations.forgetIdle(System.nanoTime());
        return removed;
    }

    private String hostForUrl() {
        String h = config.host();
        if (h.equals("0.0.0.0") || h.equals("::")) {
            return "127.0.0.1";
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** Stops the server; idempotent. */
    @Override
    public void close() {
        http.shutdownNow();
        sessions.close();
        timers.shutdownNow();
        sync.shutdownNow();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(5, TimeUnit.SECONDS)) {
                blocking.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        store.close();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
