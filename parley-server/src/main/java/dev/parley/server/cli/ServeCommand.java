package dev.parley.server.cli;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the server until it is stopped (Ctrl+C or SIGTERM). */
@Command(name = "parley-server", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs the Parley chat server: WebSocket at /websocket and the REST API on one port.",
        subcommands = {TokenCommand.class, RegisterCommand.class})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:PARLEY_HOST:-127.0.0.1}",
            description = "Address to bind (env PARLEY_HOST; default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PARLEY_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
            description = "TCP port for WebSocket and REST, 0 for any free one (env PARLEY_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    CommonOptions common;

    @Option(names = "--open-registration", defaultValue = "${env:PARLEY_OPEN_REGISTRATION:-false}",
            description = "Let anyone register through REST without an app token (env PARLEY_OPEN_REGISTRATION).")
    boolean openRegistration;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "${env:PARLEY_RETENTION_DAYS:-7}",
            description = "Days a message is kept (env PARLEY_RETENTION_DAYS; default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "${env:PARLEY_RATE_LIMIT:-20}",
            description = "Messages per second one user may send, sustained (env PARLEY_RATE_LIMIT; default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "${env:PARLEY_RATE_BURST:-50}",
            description = "Messages one user may send at once (env PARLEY_RATE_BURST; default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            defaultValue = "${env:PARLEY_MAX_CONNECTIONS_PER_ADDRESS:-256}",
            description = "WebSocket connections one address may hold open (env PARLEY_MAX_CONNECTIONS_PER_ADDRESS; default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--connection-rate", paramLabel = "PER_SECOND", defaultValue = "${env:PARLEY_CONNECTION_RATE:-20}",
            description = "New WebSocket connections per second one address may open, sustained (env PARLEY_CONNECTION_RATE; default: ${DEFAULT-VALUE}).")
    double connectionRate;

    @Option(names = "--connection-burst", paramLabel = "N", defaultValue = "${env:PARLEY_CONNECTION_BURST:-100}",
            description = "New WebSocket connections one address may open at once (env PARLEY_CONNECTION_BURST; default: ${DEFAULT-VALUE}).")
    int connectionBurst;

    @Option(names = "--max-devices", paramLabel = "N", defaultValue = "${env:PARLEY_MAX_DEVICES:-10}",
            description = "Sessions one user may have signed in at once; the newest is refused (env PARLEY_MAX_DEVICES; default: ${DEFAULT-VALUE}).")
    int maxDevices;

    @Option(names = "--login-rate", paramLabel = "PER_MINUTE", defaultValue = "${env:PARLEY_LOGIN_RATE:-30}",
            description = "REST token requests per minute one address may make (env PARLEY_LOGIN_RATE; default: ${DEFAULT-VALUE}).")
    int loginRate;

    @Option(names = "--registration-rate", paramLabel = "PER_MINUTE", defaultValue = "${env:PARLEY_REGISTRATION_RATE:-10}",
            description = "REST registrations per minute one address may make (env PARLEY_REGISTRATION_RATE; default: ${DEFAULT-VALUE}).")
    int registrationRate;

    @Option(names = "--max-queued-bytes", paramLabel = "BYTES", defaultValue = "${env:PARLEY_MAX_QUEUED_BYTES:-8388608}",
            description = "Bytes queued for a client that does not read before it is disconnected, at least 65536 (env PARLEY_MAX_QUEUED_BYTES; default: ${DEFAULT-VALUE}).")
    long maxQueuedBytes;

    @Option(names = "--frame-rate", paramLabel = "PER_SECOND", defaultValue = "${env:PARLEY_FRAME_RATE:-100}",
            description = "WebSocket frames per second one connection may send, pings included, sustained; acknowledgements of pushed messages are free (env PARLEY_FRAME_RATE; default: ${DEFAULT-VALUE}).")
    double frameRate;

    @Option(names = "--frame-burst", paramLabel = "N", defaultValue = "${env:PARLEY_FRAME_BURST:-1000}",
            description = "WebSocket frames one connection may send at once (env PARLEY_FRAME_BURST; default: ${DEFAULT-VALUE}).")
    int frameBurst;

    @Option(names = "--max-http-connections-per-address", paramLabel = "N",
            defaultValue = "${env:PARLEY_MAX_HTTP_CONNECTIONS_PER_ADDRESS:-64}",
            description = "TCP connections one address may hold open that are not WebSocket sessions; more get 503 (env PARLEY_MAX_HTTP_CONNECTIONS_PER_ADDRESS; default: ${DEFAULT-VALUE}).")
    int maxHttpConnectionsPerAddress;

    @Option(names = "--http-idle-timeout", paramLabel = "SECONDS", defaultValue = "${env:PARLEY_HTTP_IDLE_TIMEOUT:-30}",
            description = "Seconds an idle HTTP keep-alive connection is kept open (env PARLEY_HTTP_IDLE_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int httpIdleTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "${env:PARLEY_HEADER_TIMEOUT:-10}",
            description = "Seconds a request's headers may take from their first byte; then the connection is closed (env PARLEY_HEADER_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int headerTimeout;

    @Option(names = "--body-timeout", paramLabel = "SECONDS", defaultValue = "${env:PARLEY_BODY_TIMEOUT:-10}",
            description = "Seconds a REST request body may take after its headers; then 408 (env PARLEY_BODY_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int bodyTimeout;

    @Option(names = "--allowed-origins", paramLabel = "ORIGINS", defaultValue = "${env:PARLEY_ALLOWED_ORIGINS:-}",
            description = "Comma-separated web origins (https://host[:port]) allowed besides the server's own; requests with any other Origin get 403 (env PARLEY_ALLOWED_ORIGINS; default: none).")
    String allowedOrigins;

    @Option(names = "--db-pool-size", paramLabel = "N",
            defaultValue = "${env:PARLEY_DB_POOL_SIZE:-" + ServerConfig.Database.DEFAULT_POOL_SIZE + "}",
            description = "Connections this node keeps to PostgreSQL at most for messages, and as many again for uploads; a request waits at most 5 s for one, then fails (env PARLEY_DB_POOL_SIZE; default: ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(names = "--max-upload-bytes", paramLabel = "BYTES",
            defaultValue = "${env:PARLEY_MAX_UPLOAD_BYTES:-" + ServerConfig.DEFAULT_MAX_UPLOAD_BYTES + "}",
            description = "Largest file a user may upload; larger ones get 413 (env PARLEY_MAX_UPLOAD_BYTES; default: ${DEFAULT-VALUE}).")
    long maxUploadBytes;

    @Option(names = "--max-avatar-bytes", paramLabel = "BYTES",
            defaultValue = "${env:PARLEY_MAX_AVATAR_BYTES:-" + ServerConfig.DEFAULT_MAX_AVATAR_BYTES + "}",
            description = "Largest avatar image a user may upload (env PARLEY_MAX_AVATAR_BYTES; default: ${DEFAULT-VALUE}).")
    long maxAvatarBytes;

    @Option(names = "--unreferenced-upload-hours", paramLabel = "HOURS",
            defaultValue = "${env:PARLEY_UNREFERENCED_UPLOAD_HOURS:-24}",
            description = "Hours an upload no message refers to is kept (env PARLEY_UNREFERENCED_UPLOAD_HOURS; default: ${DEFAULT-VALUE}).")
    int unreferencedUploadHours;

    @Option(names = "--recall-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:PARLEY_RECALL_SECONDS:-120}",
            description = "Seconds after sending a message in which its sender may recall it (env PARLEY_RECALL_SECONDS; default: ${DEFAULT-VALUE}).")
    int recallSeconds;

    @Option(names = "--recovery-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:PARLEY_RECOVERY_SECONDS:-0}",
            description = "How often each session re-reads from the store what is pending for it and it was never sent,"
                    + " in case a cluster's bus lost it (env PARLEY_RECOVERY_SECONDS; default: "
                    + ServerConfig.DEFAULT_CLUSTER_RECOVERY_SECONDS + " with --router nats, off otherwise).")
    int recoverySeconds;

    @Option(names = "--router", paramLabel = "KIND", defaultValue = "${env:PARLEY_ROUTER:-local}",
            converter = RouterKindConverter.class,
            description = "How messages reach a user's sessions: local (this server only) or nats (every node of a cluster, over NATS at --nats-url) (env PARLEY_ROUTER; default: ${DEFAULT-VALUE}).")
    ServerConfig.RouterKind router;

    @Option(names = "--nats-url", paramLabel = "URL", defaultValue = "${env:PARLEY_NATS_URL:-" + ServerConfig.DEFAULT_NATS_URL + "}",
            description = "The NATS server(s) of the cluster with --router nats, nats://host:port, comma-separated for several (env PARLEY_NATS_URL; default: ${DEFAULT-VALUE}).")
    String natsUrl;

    @Option(names = "--node-id", paramLabel = "ID", defaultValue = "${env:PARLEY_NODE_ID:-}",
            description = "This node's id in logs and on the bus: letters, digits, - and _ (env PARLEY_NODE_ID; default: a random id made at start).")
    String nodeId;

    /** The configuration the flags (and environment variables) describe. */
    ServerConfig config() {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("--retention-days must be at least 1");
        }
        if (recallSeconds < 1) {
            throw new IllegalArgumentException("--recall-seconds must be at least 1");
        }
        if (recoverySeconds < 0) {
            throw new IllegalArgumentException("--recovery-seconds must not be negative");
        }
        if (unreferencedUploadHours < 1) {
            throw new IllegalArgumentException("--unreferenced-upload-hours must be at least 1");
        }
        return common.apply(ServerConfig.builder())
                .host(host).port(port).openRegistration(openRegistration)
                .retention(Duration.ofDays(retentionDays)).rateLimit(rateLimit, rateBurst)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).connectionRate(connectionRate, connectionBurst)
                .maxDevicesPerUser(maxDevices).loginRatePerMinute(loginRate)
                .registrationRatePerMinute(registrationRate).maxQueuedBytes(maxQueuedBytes)
                .frameRate(frameRate, frameBurst)
                .maxHttpConnectionsPerAddress(maxHttpConnectionsPerAddress)
                .httpIdleTimeout(Duration.ofSeconds(httpIdleTimeout)).headerTimeout(Duration.ofSeconds(headerTimeout))
                .bodyTimeout(Duration.ofSeconds(bodyTimeout))
                .dbPoolSize(dbPoolSize)
                .maxUploadBytes(maxUploadBytes).maxAvatarBytes(maxAvatarBytes)
                .unreferencedUploadLifetime(Duration.ofHours(unreferencedUploadHours))
                .recallWindow(Duration.ofSeconds(recallSeconds))
                .recoveryInterval(Duration.ofSeconds(recoverySeconds))
                .router(router).natsUrl(natsUrl.strip()).nodeId(nodeId.strip())
                .allowedOrigins(Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                        .toList())
                .build();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerConfig config = config();
        ParleyServer server;
        try {
            server = ParleyServer.start(config);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Parley server %s%n", Version.current());
        out.printf("  WebSocket  %s%n  REST       %s%n  app key    %s%n  data dir   %s%n",
                server.wsUrl(), server.apiUrl(), server.appKey(), config.dataDir().toAbsolutePath());
        if (server.generatedCredentials()) {
            out.printf("Generated app credentials (saved in %s, keep the certificate secret):%n  app id           %s%n"
                            + "  app certificate  %s%n", config.dataDir().resolve("app.properties").toAbsolutePath(),
                    server.credentials().appId(), server.credentials().appCertificate());
        }
        if (config.store() == ServerConfig.StoreKind.MEMORY) {
            out.printf("Store: memory only. Users and messages are lost when the server stops.%n");
        } else if (config.store() == ServerConfig.StoreKind.POSTGRES) {
            out.printf("Store: PostgreSQL at %s (at most %d connections).%n", config.database().redactedUrl(),
                    config.database().poolSize());
        }
        if (config.router() == ServerConfig.RouterKind.NATS) {
            out.printf("Cluster node %s, routing over NATS at %s.%n", config.nodeId(), config.natsUrl());
        }
        out.printf("Registration is %s. Stop with Ctrl+C.%n", openRegistration ? "open" : "by app token only");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Reads {@code sqlite}, {@code postgres} or {@code memory}, in any case. */
    static final class StoreKindConverter implements picocli.CommandLine.ITypeConverter<ServerConfig.StoreKind> {
        @Override
        public ServerConfig.StoreKind convert(String value) {
            try {
                return ServerConfig.StoreKind.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a store: use sqlite, postgres or memory");
            }
        }
    }

    /** Reads {@code local} or {@code nats}, in any case. */
    static final class RouterKindConverter implements picocli.CommandLine.ITypeConverter<ServerConfig.RouterKind> {
        @Override
        public ServerConfig.RouterKind convert(String value) {
            try {
                return ServerConfig.RouterKind.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a router: use local or nats");
            }
        }
    }
}
