package dev.parley.bench.load;

import dev.parley.protocol.token.AppCredentials;
import dev.parley.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server processes of one target. One {@link ServerProcess} for parley, parley-memory and the relay. For a
 * cluster target, {@link Target#nodes} Parley nodes ({@code --node-id n1}, {@code n2}, …), each with a data dir of
 * its own, on one fresh {@link ClusterDatabase} and the machine's NATS, all given the same app key, id and
 * certificate (generated here, so that a token minted for one node is good on every node); they start one after
 * another, so that the first has created the schema before the next connects. {@link #close()} stops the nodes,
 * then drops the database.
 * <p>
 * A cluster target is {@link ServerProcess.Unavailable} (skipped, not failed) when PostgreSQL or NATS is not there,
 * when the server does not know the cluster flags yet, or when a node does not start.
 */
final class TargetServers implements AutoCloseable {
    static final String NATS_URL = "nats://127.0.0.1:4222";
    /** The flags every cluster node gets; its database, node id and app credentials are added per run. */
    static final List<String> CLUSTER_FLAGS = List.of("--store", "postgres", "--router", "nats", "--nats-url",
            NATS_URL);
    private static final String CLUSTER_APP_KEY = ServerConfig.DEFAULT_APP_KEY;
    private static final int POSTGRES_PORT = 5432;
    private static final int NATS_PORT = 4222;

    private final List<ServerProcess> nodes;
    private final AppCredentials credentials;
    private final ClusterDatabase database;
    private final ServiceProbe services;

    private TargetServers(List<ServerProcess> nodes, AppCredentials credentials, ClusterDatabase database,
                          ServiceProbe services) {
        this.nodes = List.copyOf(nodes);
        this.credentials = credentials;
        this.database = database;
        this.services = services;
    }

    /** Starts {@code target}'s processes with their data dirs under {@code dir}. */
    static TargetServers start(Target target, Path dir) throws IOException, ServerProcess.Unavailable {
        if (!target.isCluster()) {
            return new TargetServers(List.of(ServerProcess.start(target, dir)), null, null, null);
        }
        requireNats();
        AppCredentials credentials = AppCredentials.generate(new SecureRandom());
        ClusterDatabase database = ClusterDatabase.create();
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= target.nodes; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve("n" + i));
                List<String> flags = List.of("--db-url", database.jdbcUrl(), "--db-user", ClusterDatabase.USER,
                        "--node-id", "n" + i, "--app-key", CLUSTER_APP_KEY, "--app-id", credentials.appId(),
                        "--app-certificate", credentials.appCertificate());
                try {
                    nodes.add(ServerProcess.start(target, nodeDir, flags));
                } catch (IOException e) {
                    throw new ServerProcess.Unavailable("node n" + i + " did not start: " + e.getMessage());
                }
            }
        } catch (ServerProcess.Unavailable | IOException | RuntimeException e) {
            stop(nodes);
            database.close();
            throw e;
        }
        ServiceProbe services = new ServiceProbe(database.name(), POSTGRES_PORT, NATS_PORT);
        return new TargetServers(nodes, credentials, database, services);
    }

    /** The app key every process serves. */
    String appKey() {
        return nodes.getFirst().appKey();
    }

    /** The port user {@code i} connects to: node {@code i % nodes}. */
    int port(int user) {
        return nodes.get(user % nodes.size()).port;
    }

    List<Long> pids() {
        return nodes.stream().map(ServerProcess::pid).toList();
    }

    /** The credentials the cluster's nodes share (a bench user's token may be minted with them). */
    Optional<AppCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The cluster's PostgreSQL and NATS, or null for the other targets (as {@link StepRunner} takes it). */
    ServiceProbe services() {
        return services;
    }

    /** A line for the log: the database and the services watched (empty for the other targets). */
    String describe() {
        return database == null ? "" : "database " + database.name() + "; " + services.describe();
    }

    /** Whether NATS answers at {@link #NATS_URL} (its first line is {@code INFO {…}}). */
    private static void requireNats() throws ServerProcess.Unavailable {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", NATS_PORT), 2_000);
            s.setSoTimeout(2_000);
            String first = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (first == null || !first.startsWith("INFO ")) {
                throw new ServerProcess.Unavailable("no NATS at " + NATS_URL + ": it said " + first);
            }
        } catch (IOException e) {
            throw new ServerProcess.Unavailable("no NATS at " + NATS_URL + ": " + e.getMessage());
        }
    }

    private static void stop(List<ServerProcess> nodes) {
        for (ServerProcess node : nodes.reversed()) {
            try {
                node.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop(nodes);
        if (database != null) {
            database.close();
        }
    }
}
