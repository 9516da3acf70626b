package dev.parley.server;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.account.Accounts;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.blob.BlobStores;
import dev.parley.server.blob.BlobSweeper;
import dev.parley.server.http.HttpGuard;
import dev.parley.server.http.OriginPolicy;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.rest.RestApi;
import dev.parley.server.session.ChatSessions;
import dev.parley.server.store.DataDirectory;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.PostgresPool;
import dev.parley.server.store.PostgresSettings;
import dev.parley.server.store.Stores;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;

/**
 * A Parley server: the WebSocket endpoint {@code /websocket} and the REST API on one Grizzly listener, in front of
 * the message store.
 * <p>
 * Lifecycle: the constructor only keeps the configuration. {@link #start()} makes the data dir private, opens the
 * store, loads or generates the app credentials, starts the writer and the pools, opens the blob store of uploads,
 * binds the listener and starts the sweeper of unreferenced uploads; it returns
 * once the server accepts connections. When any step fails, everything the earlier steps started is released (the
 * store closed, every thread ended) before the exception is thrown, so the data dir can be used again at once.
 * {@link #close} stops accepting, closes every session, commits what the writer holds and closes the store; it is
 * idempotent and may be called on a server that never started. {@link #start(ServerConfig)} constructs and starts in
 * one call. Tests start one on port 0 and a temporary data dir.
 * <p>
 * Threading: network I/O runs on Grizzly's selector threads with the same-thread strategy; nothing on them blocks on
 * disk. Writes go through one group-commit writer thread; reads and password hashing run on bounded pools, one per
 * kind of work ({@link WorkPools}).
 */
public final class ParleyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParleyServer.class.getName());

    private final ServerConfig config;
    private final Clock clock;
    private final Object lifecycle = new Object();
    /** What {@link #start()} started, in order; {@link #close} releases it in reverse. Guarded by {@link #lifecycle}. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile Running running;
    private boolean closed;

    /** Everything a started server holds. */
    private record Running(App app, MessageStore store, BlobStore blobs, ChatSessions sessions, Accounts accounts,
                           RateLimiter logins, RateLimiter registrations, int port, WebSocketContainer container) {
    }

    /** A server for {@code config}, not started: nothing is opened or bound until {@link #start()}. */
    public ParleyServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A server on the system clock, not started. */
    public ParleyServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * Constructs and starts a server.
     *
     * @throws ConfigException when the configuration cannot be used
     * @throws IOException     when the address cannot be bound
     */
    public static ParleyServer start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** Constructs and starts a server with the given clock (tests). */
    public static ParleyServer start(ServerConfig config, Clock clock) throws IOException {
        return new ParleyServer(config, clock).start();
    }

    /**
     * Opens the store, starts the pools and binds the listener; returns this server once it accepts connections. On
     * failure everything started so far is released before the exception is thrown.
     *
     * @throws ConfigException       when the configuration cannot be used
     * @throws IOException           when the address cannot be bound
     * @throws IllegalStateException when called twice, or after {@link #close}
     */
    public ParleyServer start() throws IOException {
        synchronized (lifecycle) {
            if (running != null || closed) {
                throw new IllegalStateException(closed ? "the server was closed" : "the server is already started");
            }
            try {
                running = startAll();
                return this;
            } catch (IOException | RuntimeException | Error e) {
                try {
                    releaseAll();
                } catch (RuntimeException releasing) {
                    e.addSuppressed(releasing);
                }
                closed = true;
                throw e;
            }
        }
    }

    private Running startAll() throws IOException {
        // Jersey's classes load on their own thread while the store opens (docs/rest.md: start time)
        CompletableFuture<Void> restLoaded = RestApi.preload();
        started.push(() -> restLoaded.exceptionally(e -> null).join());
        DataDirectory.secure(config.dataDir());
        App app = App.loadOrCreate(config);
        MessageStore store = switch (config.store()) {
            case SQLITE -> Stores.openSqlite(config.dataDir(), clock);
            case MEMORY -> Stores.openMemory(clock);
            case POSTGRES -> Stores.openPostgres(postgres(), clock);
        };
        started.push(store::close);
        GroupCommitWriter writer = new GroupCommitWriter(store, 512, "parley-writer");
        started.push(writer::close);
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("parley-timer"));
        timers.setRemoveOnCancelPolicy(true);
        started.push(() -> {
            timers.shutdownNow();
            timers.awaitTermination(5, TimeUnit.SECONDS);
        });
        WorkPools pools = new WorkPools();
        started.push(pools);
        BlobStore blobs = switch (config.store()) {
            case SQLITE, MEMORY -> BlobStores.openFiles(config.dataDir(), clock, pools.thumbnails);
            case POSTGRES -> { // a pool of its own: uploads hold a connection while their client sends
                PostgresPool blobConnections = Stores.openPostgresPool(postgres(), "blobs");
                started.push(blobConnections::close);
                yield BlobStores.openPostgres(blobConnections.dataSource(), clock, pools.thumbnails);
            }
        };
        started.push(blobs::close);

        TokenVerifier verifier = new TokenVerifier(app.credentials(), clock, Duration.ofMinutes(5));
        Accounts accounts = new Accounts(app, store, writer, clock, config.maxUserTokenTtl(), pools.hashing);
        ChatSessions sessions = new ChatSessions(config, app.key(), verifier, store, blobs, this::apiUrl, writer,
                timers, pools.storeReads, pools.sync, clock);
        started.push(sessions);
        RateLimiter logins = RateLimiter.perMinute(config.loginRatePerMinute());
        RateLimiter registrations = RateLimiter.perMinute(config.registrationRatePerMinute());

        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("parley", config.host(), config.port());
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setIOStrategy(SameThreadIOStrategy.getInstance())
                .build());
        // Closes idle keep-alive connections. It would close quiet WebSocket sessions too (its filter sits below the
        // WebSocket filter): HttpGuard exempts upgraded connections; the endpoint's idle timeout governs those.
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) config.httpIdleTimeout().toSeconds());
        HttpGuard guard = new HttpGuard(config.maxHttpConnectionsPerAddress(), config.headerTimeout(),
                new OriginPolicy(config.allowedOrigins()), timers);
        started.push(guard);
        listener.registerAddOn(guard); // before the WebSocket add-on, so its filter sees upgrades first
        WebSocketContainer container = new WebSocketContainer(ChatSessions.TRANSPORT_MAX_FRAME,
                sessions.frameListener());
        container.deploy(sessions.endpointConfig());
        listener.registerAddOn(container.addOn());
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(
                new RestApi(app.key(), verifier, store, accounts, config.openRegistration(), logins, registrations,
                        pools.rest, pools.uploads, timers, config.bodyTimeout(),
                        new RestApi.Chat(writer, sessions, blobs, config.maxUploadBytes(), config.maxAvatarBytes(),
                                () -> apiUrl() + "/" + app.key().org() + "/" + app.key().app())), "/");
        http.getServerConfiguration().setName("parley");
        http.getServerConfiguration().setJmxEnabled(false);
        started.push(http::shutdownNow); // also when start fails half-way: it stops what it started
        http.start();
        sessions.start();
        BlobSweeper blobSweeper = new BlobSweeper(blobs, clock, timers, pools.storeReads,
                config.unreferencedUploadLifetime(), config.sweepInterval());
        blobSweeper.start();
        started.push(blobSweeper::stop);

        long sweepMillis = config.sweepInterval().toMillis();
        Running now = new Running(app, store, blobs, sessions, accounts, logins, registrations, listener.getPort(),
                container);
        timers.scheduleWithFixedDelay(() -> sweep(now, pools), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        return now;
    }

    /** The database of {@code --store postgres}. */
    private PostgresSettings postgres() {
        return config.database().settings();
    }

    private Running running() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("the server is not started");
        }
        return r;
    }

    /** The bound TCP port. */
    public int port() {
        return running().port();
    }

    /** The WebSocket URL clients connect to. */
    public String wsUrl() {
        return "ws://" + hostForUrl() + ":" + port() + ChatSessions.PATH;
    }

    /** The REST base URL. */
    public String apiUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    /** The app key, {@code org#app}. */
    public String appKey() {
        return running().app().key().toString();
    }

    /** The app's id and certificate. */
    public AppCredentials credentials() {
        return running().app().credentials();
    }

    /** Whether the credentials were generated at this start. */
    public boolean generatedCredentials() {
        return running().app().generated();
    }

    /** Registers a user (blocking). */
    public void registerUser(String username, String password) {
        Accounts.await(running().accounts().register(username, password, ""));
    }

    /** Mints a chat user token, registering the user (without a password) if unknown. Blocking. */
    public String userToken(String username, Duration ttl) {
        String user = running().accounts().ensureUser(username);
        return AccessToken2.buildUserToken(running().app().credentials(), user, ttl, clock);
    }

    /** Open WebSocket connections, signed in or not (tests check that none leaks). */
    int openConnections() {
        return running().sessions().connections();
    }

    /** Open WebSocket connections that frame their messages themselves instead of through Tyrus (tests). */
    int directConnections() {
        return running().sessions().directConnections();
    }

    /** Tasks Tyrus's own timer has run (tests). */
    long tyrusTimerTasks() {
        return running().container().timerTasksRun();
    }

    /** The message store (tests inject store faults through it). */
    MessageStore store() {
        return running().store();
    }

    /** The blob store of uploads (tests; the REST layer's chatfiles and avatars will use it). */
    BlobStore blobs() {
        return running().blobs();
    }

    private void sweep(Running r, WorkPools pools) {
        try {
            pools.storeReads.execute(() -> {
                try {
                    sweepNow(r);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "retention sweep failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            LOG.log(System.Logger.Level.WARNING, "retention sweep skipped: the store readers are busy");
        }
    }

    /** Removes messages older than the retention period now; returns how many. Blocking. */
    int sweepNow() {
        return sweepNow(running());
    }

    private int sweepNow(Running r) {
        java.time.Instant cutoff = clock.instant().minus(config.retention());
        List<String> files = r.store().filesBefore(cutoff); // the uploads of the messages about to go
        int removed = r.store().deleteOlderThan(cutoff);
        if (!files.isEmpty()) {
            r.blobs().deleteAll(files);
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "retention: removed {0} messages older than {1}", removed,
                    config.retention());
        }
        r.sessions().sweep();
        r.accounts().sweep();
        r.logins().forgetIdle(System.nanoTime());
        r.registrations().forgetIdle(System.nanoTime());
        return removed;
    }

    private String hostForUrl() {
        String h = config.host();
        if (h.equals("0.0.0.0") || h.equals("::")) {
            return "127.0.0.1";
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** Stops the server and releases everything it holds; idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            releaseAll();
        }
    }

    /** Releases what was started, newest first; every step runs even when one fails. */
    private void releaseAll() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new ParleyServerException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
