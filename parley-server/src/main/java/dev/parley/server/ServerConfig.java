package dev.parley.server;

import java.nio.file.Path;
import dev.parley.server.http.OriginPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a {@link ParleyServer} can be told, with the defaults of a safe single-machine server. Built with
 * {@link #builder()}; the command line fills it from flags and environment variables.
 *
 * @param host               address to bind; loopback unless another is asked for
 * @param port               TCP port for WebSocket and REST; 0 picks a free one
 * @param dataDir            where the database and the app credentials live
 * @param appKey             the app key {@code org#app}; generated credentials use {@code parley#chat} when empty
 * @param appId              32 hex characters, or empty to use the saved or a generated one
 * @param appCertificate     32 hex characters, or empty to use the saved or a generated one
 * @param openRegistration   whether anyone may register through REST without an app token
 * @param retention          how long a message is kept
 * @param sendRatePerSecond  sustained messages per second per user
 * @param sendBurst          messages a user may send at once before the rate applies
 * @param firstFrameTimeout  how long a new connection may take to send {@code open}
 * @param idleTimeout        a session that sends nothing (not even {@code ping}) for this long is closed
 * @param maxUserTokenTtl    the longest lifetime of a token minted by the password grant
 * @param sweepInterval      how often expired messages are removed
 * @param maxConnectionsPerAddress  WebSocket connections one remote address may hold open at once
 * @param connectionRatePerSecond   new WebSocket connections per second one remote address may open, sustained
 * @param connectionBurst           new WebSocket connections one remote address may open at once
 * @param maxDevicesPerUser         sessions (devices) one user may have signed in at once; the newest is refused
 * @param loginRatePerMinute        password and client-credentials grants ({@code POST …/token}) per remote address
 *                                  and minute
 * @param registrationRatePerMinute registrations ({@code POST …/users}) per remote address and minute
 * @param maxQueuedBytes            bytes queued for one client that does not read (frames not yet written to its
 *                                  socket, and live messages held back during its sign-in sync), before it is
 *                                  disconnected; at least 64 KiB
 * @param frameRatePerSecond        WebSocket frames per second one connection may send, sustained (pings and
 *                                  fragments count; acknowledgements of pushed messages do not)
 * @param frameBurst                WebSocket frames one connection may send at once
 * @param maxHttpConnectionsPerAddress TCP connections one remote address may hold open that are not (yet) WebSocket
 *                                  sessions; more are answered 503 and closed
 * @param httpIdleTimeout           an HTTP keep-alive connection idle this long is closed (whole seconds; WebSocket
 *                                  sessions have {@code idleTimeout} instead)
 * @param headerTimeout             a request's headers must be complete this long after its first byte
 * @param bodyTimeout               a REST request's body must be complete this long after its headers (408 otherwise)
 * @param allowedOrigins            browser origins ({@code scheme://host[:port]}) allowed besides the server's own;
 *                                  requests and WebSocket upgrades from any other {@code Origin} get 403
 * @param store                     where users and messages are kept: the durable SQLite file in {@code dataDir}
 *                                  (the default), a PostgreSQL database shared by the nodes of a cluster
 *                                  ({@link StoreKind#POSTGRES}, see {@code database}), or the heap only
 *                                  ({@link StoreKind#MEMORY}, not durable)
 * @param maxUploadBytes            the largest file a user may upload ({@code POST …/chatfiles}); a larger one is
 *                                  refused (413) as soon as its first byte too many arrives
 * @param maxAvatarBytes            the largest avatar image a user may upload ({@code PUT …/users/{user}/avatar})
 * @param unreferencedUploadLifetime how long an upload no message refers to is kept before it is removed
 * @param recallWindow              how long after sending a message its sender may recall it
 * @param recoveryInterval          how often each open session re-reads from the store what is pending for it and it
 *                                  was never sent: a cluster's bus may lose frames, a single server's in-process
 *                                  delivery does not. {@link Duration#ZERO} is never with the local router and
 *                                  {@value #DEFAULT_CLUSTER_RECOVERY_SECONDS} s with NATS
 * @param router                    how frames reach the sessions of a user: in this process only (the default), or
 *                                  over NATS to every node of a cluster ({@link RouterKind#NATS})
 * @param natsUrl                   the NATS server(s) of a cluster, {@code nats://host:port}, comma-separated for
 *                                  several (used with {@link RouterKind#NATS})
 * @param nodeId                    this node's id in logs and on the bus: letters, digits, {@code -}, {@code _}, at
 *                                  most 64; a random one when not given
 * @param presenceHeartbeat         how often a node of a cluster tells the others it is alive; a node not heard from
 *                                  for three of these is dropped and its users shown offline
 * @param database                  the PostgreSQL database of {@link StoreKind#POSTGRES} (its URL is required then,
 *                                  and unused otherwise)
 */
public record ServerConfig(String host, int port, Path dataDir, String appKey, String appId, String appCertificate,
                           boolean openRegistration, Duration retention, double sendRatePerSecond, int sendBurst,
                           Duration firstFrameTimeout, Duration idleTimeout, Duration maxUserTokenTtl,
                           Duration sweepInterval, int maxConnectionsPerAddress, double connectionRatePerSecond,
                           int connectionBurst, int maxDevicesPerUser, int loginRatePerMinute,
                           int registrationRatePerMinute, long maxQueuedBytes, double frameRatePerSecond,
                           int frameBurst, int maxHttpConnectionsPerAddress, Duration httpIdleTimeout,
                           Duration headerTimeout, Duration bodyTimeout, List<String> allowedOrigins,
                           StoreKind store, long maxUploadBytes, long maxAvatarBytes,
                           Duration unreferencedUploadLifetime, Duration recallWindow, Duration recoveryInterval,
                           RouterKind router, String natsUrl, String nodeId, Duration presenceHeartbeat,
                           Database database) {

    /** How often sessions of a cluster node recover what the bus lost, unless configured. */
    public static final int DEFAULT_CLUSTER_RECOVERY_SECONDS = 5;

    /** The default TCP port. */
    public static final int DEFAULT_PORT = 7070;
    /** The smallest outbound bound: a few of the largest frames. */
    public static final long MIN_QUEUED_BYTES = 64 * 1024;
    /** The default upload limit: 10 MiB, as Agora's. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    /** The default avatar limit: 1 MiB. */
    public static final long DEFAULT_MAX_AVATAR_BYTES = 1024 * 1024;
    /** The app key used when none is given. */
    public static final String DEFAULT_APP_KEY = "parley#chat";

    /** Where a server keeps users and messages. */
    public enum StoreKind {
        /** The embedded SQLite file {@code parley.db} in the data dir: durable (WAL, {@code synchronous=FULL}). */
        SQLITE,
        /**
         * The heap only, for tests, demos and benchmarks: every promise of the protocol except durability holds; a
         * restart forgets all users and messages.
         */
        MEMORY,
        /**
         * A PostgreSQL database ({@link ServerConfig#database()}) that several nodes share: the store of a cluster,
         * durable as PostgreSQL makes it.
         */
        POSTGRES
    }

    /**
     * The PostgreSQL database of {@link StoreKind#POSTGRES}.
     *
     * @param url      {@code jdbc:postgresql://host[:port]/database}; {@code ""} when none is configured
     * @param user     the role to connect as ({@code ""}: the driver's default)
     * @param password its password ({@code ""}: none); never shown by {@link #toString()}
     * @param poolSize the most connections this node holds open to it
     */
    public record Database(String url, String user, String password, int poolSize) {
        /** The pool size when none is given. */
        public static final int DEFAULT_POOL_SIZE = 8;

        public Database {
            java.util.Objects.requireNonNull(url, "url");
            java.util.Objects.requireNonNull(user, "user");
            java.util.Objects.requireNonNull(password, "password");
            if (poolSize < 1 || poolSize > 200) {
                throw new IllegalArgumentException("the database pool size must be between 1 and 200, not "
                        + poolSize);
            }
        }

        /** The store's settings for this database. */
        public dev.parley.server.store.PostgresSettings settings() {
            return new dev.parley.server.store.PostgresSettings(url, user, password, poolSize);
        }

        /** The URL, with a password it may hold replaced by {@code ***}. */
        public String redactedUrl() {
            return url.replaceAll("(?i)(password=)[^&]*", "$1***");
        }

        @Override
        public String toString() {
            return "Database[url=" + redactedUrl() + ", user=" + user + ", password="
                    + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
        }
    }

    /** How frames reach the sessions of a user. */
    public enum RouterKind {
        /** In this process: a single server. */
        LOCAL,
        /** Over NATS to every node of a cluster (a subject per user), and in this process. */
        NATS
    }

    /** The NATS server used when none is given. */
    public static final String DEFAULT_NATS_URL = "nats://127.0.0.1:4222";

    public ServerConfig {
        java.util.Objects.requireNonNull(store, "store");
        java.util.Objects.requireNonNull(router, "router");
        if (nodeId.isEmpty()) {
            nodeId = randomNodeId();
        } else if (nodeId.length() > 64 || !nodeId.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new IllegalArgumentException("nodeId must be 1 to 64 letters, digits, - or _, not '" + nodeId + "'");
        }
        if (router == RouterKind.NATS && !natsUrl.matches("(?i)(nats|tls)://[^\\s,]+(,(nats|tls)://[^\\s,]+)*")) {
            throw new IllegalArgumentException("natsUrl must be nats://host:port (comma-separated for several), not '"
                    + natsUrl + "'");
        }
        requirePositive("presenceHeartbeat", presenceHeartbeat);
        java.util.Objects.requireNonNull(database, "database");
        if (store == StoreKind.POSTGRES && !database.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(database.url().isBlank()
                    ? "the postgres store needs the database's URL: --db-url jdbc:postgresql://HOST:5432/DATABASE"
                    + " (or PARLEY_DB_URL)"
                    : "the database URL must start with jdbc:postgresql: (it is " + database.redactedUrl() + ")");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (!appKey.isEmpty()) {
            AppKey.parse(appKey);
        }
        requirePositive("retention", retention);
        requirePositive("firstFrameTimeout", firstFrameTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("maxUserTokenTtl", maxUserTokenTtl);
        requirePositive("sweepInterval", sweepInterval);
        if (!(sendRatePerSecond > 0) || sendBurst < 1) {
            throw new IllegalArgumentException("the send rate and burst must be positive");
        }
        if (!(connectionRatePerSecond > 0) || connectionBurst < 1) {
            throw new IllegalArgumentException("the connection rate and burst must be positive");
        }
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        requirePositive("maxDevicesPerUser", maxDevicesPerUser);
        requirePositive("loginRatePerMinute", loginRatePerMinute);
        requirePositive("registrationRatePerMinute", registrationRatePerMinute);
        if (maxQueuedBytes < MIN_QUEUED_BYTES) {
            throw new IllegalArgumentException("maxQueuedBytes must be at least " + MIN_QUEUED_BYTES);
        }
        if (!(frameRatePerSecond > 0) || frameBurst < 1) {
            throw new IllegalArgumentException("the frame rate and burst must be positive");
        }
        requirePositive("maxHttpConnectionsPerAddress", maxHttpConnectionsPerAddress);
        if (httpIdleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("httpIdleTimeout must be at least one second");
        }
        requirePositive("headerTimeout", headerTimeout);
        requirePositive("bodyTimeout", bodyTimeout);
        if (maxUploadBytes < 1 || maxAvatarBytes < 1) {
            throw new IllegalArgumentException("the upload and avatar limits must be positive");
        }
        requirePositive("unreferencedUploadLifetime", unreferencedUploadLifetime);
        requirePositive("recallWindow", recallWindow);
        java.util.Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        if (recoveryInterval.isNegative()) {
            throw new IllegalArgumentException("recoveryInterval must not be negative");
        }
        if (router == RouterKind.NATS && recoveryInterval.isZero()) {
            recoveryInterval = Duration.ofSeconds(DEFAULT_CLUSTER_RECOVERY_SECONDS);
        }
        try {
            allowedOrigins = allowedOrigins.stream().map(OriginPolicy::normalize).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed origins: " + e.getMessage(), e);
        }
    }

    private static String randomNodeId() {
        byte[] bytes = new byte[6];
        new java.security.SecureRandom().nextBytes(bytes);
        return "node-" + java.util.HexFormat.of().formatHex(bytes);
    }

    /** The configured app id, if one was given. */
    public Optional<String> configuredAppId() {
        return appId.isEmpty() ? Optional.empty() : Optional.of(appId);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link ServerConfig}; every setter has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private String appKey = "";
        private String appId = "";
        private String appCertificate = "";
        private boolean openRegistration;
        private Duration retention = Duration.ofDays(7);
        private double sendRatePerSecond = 20;
        private int sendBurst = 50;
        private Duration firstFrameTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(90);
        private Duration maxUserTokenTtl = Duration.ofHours(24);
        private Duration sweepInterval = Duration.ofMinutes(10);
        private int maxConnectionsPerAddress = 256;
        private double connectionRatePerSecond = 20;
        private int connectionBurst = 100;
        private int maxDevicesPerUser = 10;
        private int loginRatePerMinute = 30;
        private int registrationRatePerMinute = 10;
        private long maxQueuedBytes = 8 * 1024 * 1024;
        private double frameRatePerSecond = 100;
        private int frameBurst = 1_000;
        private int maxHttpConnectionsPerAddress = 64;
        private Duration httpIdleTimeout = Duration.ofSeconds(30);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private List<String> allowedOrigins = List.of();
        private StoreKind store = StoreKind.SQLITE;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private long maxAvatarBytes = DEFAULT_MAX_AVATAR_BYTES;
        private Duration unreferencedUploadLifetime = Duration.ofHours(24);
        private Duration recallWindow = Duration.ofSeconds(120);
        private Duration recoveryInterval = Duration.ZERO;
        private RouterKind router = RouterKind.LOCAL;
        private String natsUrl = DEFAULT_NATS_URL;
        private String nodeId = "";
        private Duration presenceHeartbeat = Duration.ofSeconds(5);
        private String dbUrl = "";
        private String dbUser = "";
        private String dbPassword = "";
        private int dbPoolSize = Database.DEFAULT_POOL_SIZE;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder dataDir(Path dataDir) { this.dataDir = dataDir; return this; }
        public Builder appKey(String appKey) { this.appKey = appKey; return this; }
        public Builder appId(String appId) { this.appId = appId; return this; }
        public Builder appCertificate(String appCertificate) { this.appCertificate = appCertificate; return this; }
        public Builder openRegistration(boolean open) { this.openRegistration = open; return this; }
        public Builder retention(Duration retention) { this.retention = retention; return this; }
        public Builder rateLimit(double perSecond, int burst) {
            this.sendRatePerSecond = perSecond;
            this.sendBurst = burst;
            return this;
        }
        public Builder firstFrameTimeout(Duration timeout) { this.firstFrameTimeout = timeout; return this; }
        public Builder idleTimeout(Duration timeout) { this.idleTimeout = timeout; return this; }
        public Builder maxUserTokenTtl(Duration ttl) { this.maxUserTokenTtl = ttl; return this; }
        public Builder sweepInterval(Duration interval) { this.sweepInterval = interval; return this; }
        public Builder maxConnectionsPerAddress(int max) { this.maxConnectionsPerAddress = max; return this; }
        public Builder connectionRate(double perSecond, int burst) {
            this.connectionRatePerSecond = perSecond;
            this.connectionBurst = burst;
            return this;
        }
        public Builder maxDevicesPerUser(int max) { this.maxDevicesPerUser = max; return this; }
        public Builder loginRatePerMinute(int perMinute) { this.loginRatePerMinute = perMinute; return this; }
        public Builder registrationRatePerMinute(int perMinute) {
            this.registrationRatePerMinute = perMinute;
            return this;
        }
        public Builder maxQueuedBytes(long max) { this.maxQueuedBytes = max; return this; }
        public Builder frameRate(double perSecond, int burst) {
            this.frameRatePerSecond = perSecond;
            this.frameBurst = burst;
            return this;
        }
        public Builder maxHttpConnectionsPerAddress(int max) { this.maxHttpConnectionsPerAddress = max; return this; }
        public Builder httpIdleTimeout(Duration timeout) { this.httpIdleTimeout = timeout; return this; }
        public Builder headerTimeout(Duration timeout) { this.headerTimeout = timeout; return this; }
        public Builder bodyTimeout(Duration timeout) { this.bodyTimeout = timeout; return this; }
        public Builder allowedOrigins(List<String> origins) { this.allowedOrigins = List.copyOf(origins); return this; }

        public Builder store(StoreKind store) { this.store = store; return this; }
        public Builder maxUploadBytes(long max) { this.maxUploadBytes = max; return this; }
        public Builder maxAvatarBytes(long max) { this.maxAvatarBytes = max; return this; }
        public Builder unreferencedUploadLifetime(Duration lifetime) {
            this.unreferencedUploadLifetime = lifetime;
            return this;
        }

        public Builder recallWindow(Duration window) { this.recallWindow = window; return this; }
        public Builder recoveryInterval(Duration interval) { this.recoveryInterval = interval; return this; }
        public Builder router(RouterKind router) { this.router = router; return this; }
        public Builder natsUrl(String url) { this.natsUrl = url; return this; }
        public Builder nodeId(String id) { this.nodeId = id; return this; }
        public Builder presenceHeartbeat(Duration interval) { this.presenceHeartbeat = interval; return this; }

        /** The PostgreSQL database's JDBC URL ({@link StoreKind#POSTGRES}). */
        public Builder dbUrl(String url) { this.dbUrl = url; return this; }
        public Builder dbUser(String user) { this.dbUser = user; return this; }
        public Builder dbPassword(String password) { this.dbPassword = password; return this; }
        public Builder dbPoolSize(int size) { this.dbPoolSize = size; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, appKey, appId, appCertificate, openRegistration, retention,
                    sendRatePerSecond, sendBurst, firstFrameTimeout, idleTimeout, maxUserTokenTtl, sweepInterval,
                    maxConnectionsPerAddress, connectionRatePerSecond, connectionBurst, maxDevicesPerUser,
                    loginRatePerMinute, registrationRatePerMinute, maxQueuedBytes, frameRatePerSecond, frameBurst,
                    maxHttpConnectionsPerAddress, httpIdleTimeout, headerTimeout, bodyTimeout, allowedOrigins,
                    store, maxUploadBytes, maxAvatarBytes, unreferencedUploadLifetime, recallWindow,
                    recoveryInterval, router, natsUrl, nodeId, presenceHeartbeat,
                    new Database(dbUrl, dbUser, dbPassword, dbPoolSize));
        }
    }
}
