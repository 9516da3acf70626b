package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a cluster node mid-stream: two server processes on one PostgreSQL database with NATS between them, behind
 * a TCP load balancer, while SDK clients spread over both send to each other. One node after the other is killed with
 * SIGKILL; its clients reconnect through the balancer to the node that is left and resend what got no receipt, and the
 * killed node comes back. Afterwards the {@link HistoryChecker} finds no acknowledged message lost, none shown twice,
 * none out of order within its conversation, none that was never sent.
 */
class ClusterFailoverTest {
    private static final int KILLS = 4;
    private static final int USERS = 6;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final java.util.logging.Logger TYRUS_CLIENT =
            java.util.logging.Logger.getLogger("org.glassfish.tyrus.container.jdk.client");

    @TempDir
    Path dir;

    private static void runFor(Duration duration) {
        new CompletableFuture<Void>().completeOnTimeout(null, duration.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static List<String> nodeFlags(String node, String dbUrl) {
        return List.of("--open-registration", "--registration-rate", "100", "--store", "postgres", "--db-url", dbUrl,
                "--db-user", "postgres", "--router", "nats", "--nats-url", ClusterServices.NATS_URL, "--node-id",
                node, "--recovery-seconds", "1");
    }

    /** The users whose clients are connected now; waits are woken by every change. */
    private static final class Connected {
        private final Set<String> users = new java.util.HashSet<>();
        private int connects;

        synchronized void set(String user, boolean isConnected) {
            connects += isConnected ? 1 : 0;
            if (isConnected ? users.add(user) : users.remove(user)) {
                notifyAll();
            }
        }

        /** Connections made so far (reconnects included). */
        synchronized int connects() {
            return connects;
        }

        /**
         * Waits until every client is connected and more than {@code connectsBefore} connections were made, or the
         * timeout passes; returns how many clients are connected.
         */
        synchronized int awaitAll(Duration timeout, int connectsBefore) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (users.size() < USERS || connects <= connectsBefore) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return users.size();
        }
    }

    @Test
    void nothingAcknowledgedIsLostWhenNodesAreKilledAndClientsMoveToTheOtherNode() throws Exception {
        ClusterServices.requireNats();
        String database = ClusterServices.newDatabaseName();
        String dbUrl = ClusterServices.createDatabase(database);
        java.util.logging.Level tyrusLevel = TYRUS_CLIENT.getLevel();
        TYRUS_CLIENT.setLevel(java.util.logging.Level.OFF);
        AppCredentials credentials = AppCredentials.generate(new SecureRandom());
        long seed = new SecureRandom().nextLong();
        Random random = new Random(seed);
        HistoryChecker history = HistoryChecker.perConversation();
        Connected connected = new Connected();
        List<ChatClient> clients = new ArrayList<>();
        List<String> users = new ArrayList<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        Map<String, String> environment = Map.of("PARLEY_RATE_LIMIT", "100000", "PARLEY_RATE_BURST", "100000",
                "PARLEY_FRAME_RATE", "1000000", "PARLEY_FRAME_BURST", "1000000");
        try (ServerProcess a = new ServerProcess(dir.resolve("a"), credentials, nodeFlags("a", dbUrl), environment);
             ServerProcess b = new ServerProcess(dir.resolve("b"), credentials, nodeFlags("b", dbUrl), environment)) {
            a.start(START_TIMEOUT);
            b.start(START_TIMEOUT);
            try (TcpProxy balancer = new TcpProxy(a.port(), b.port())) {
                for (int i = 0; i < USERS; i++) {
                    String user = "node" + i;
                    ChatClient client = ChatClient.create(ChatOptions.builder().appKey(ServerProcess.APP_KEY)
                            .url("ws://127.0.0.1:" + balancer.port() + "/websocket")
                            .apiUrl("http://127.0.0.1:" + balancer.port())
                            .reconnectPolicy(ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(50)))
                            .autoReconnectMaxAttempts(100_000)
                            .sendTimeout(Duration.ofMinutes(2))
                            .connectTimeout(Duration.ofSeconds(1))
                            .build());
                    client.addEventHandler("history", history.recorderFor(user));
                    client.addEventHandler("connects", new ChatEventHandler() {
                        @Override
                        public void onConnected() {
                            connected.set(user, true);
                        }

                        @Override
                        public void onDisconnected(DisconnectReason reason) {
                            connected.set(user, false);
                        }
                    });
                    clients.add(client);
                    users.add(user);
                    client.registerUser(user, "password-" + user).orTimeout(30, TimeUnit.SECONDS).join();
                    client.open(user, AccessToken2.buildUserToken(credentials, user, Duration.ofHours(1),
                            Clock.systemUTC())).orTimeout(30, TimeUnit.SECONDS).join();
                }

                load.scheduleAtFixedRate(() -> {
                    int from = random.nextInt(USERS);
                    int to = (from + 1 + random.nextInt(USERS - 1)) % USERS;
                    history.send(clients.get(from), users.get(from), users.get(to));
                }, 0, 4, TimeUnit.MILLISECONDS);

                for (int kill = 0; kill < KILLS; kill++) {
                    ServerProcess victim = kill % 2 == 0 ? a : b;
                    connected.awaitAll(Duration.ofSeconds(20), 0);
                    runFor(Duration.ofMillis(300 + random.nextInt(500)));
                    int connectsBefore = connected.connects();
                    victim.kill();
                    assertThat(connected.awaitAll(Duration.ofSeconds(20), connectsBefore))
                            .as("the killed node's clients moved to the other node").isEqualTo(USERS);
                    runFor(Duration.ofMillis(300));
                    victim.start(START_TIMEOUT);
                }
                runFor(Duration.ofMillis(500));
                load.shutdown();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                history.awaitOutcomes(Duration.ofSeconds(90));
                history.awaitReceiptedShown(Duration.ofSeconds(60));
                HistoryChecker.Report report = history.check();
                System.out.printf("cluster failover test (seed %d): %d node kills, %,d messages sent, %,d receipted,"
                                + " %,d checked at their recipients, %d lost, %d duplicates, %d out of order, %d never"
                                + " sent; %d logins (reconnects included)%n", seed, KILLS, report.sent(),
                        report.receipted(), report.shown(), report.lost(), report.duplicates(), report.outOfOrder(),
                        report.phantoms(), connected.connects());
                assertThat(history.failures()).as("every send got its receipt in the end").isEmpty();
                assertThat(report.receipted()).isEqualTo(report.sent());
            }
        } finally {
            load.shutdownNow();
            clients.forEach(ChatClient::close);
            TYRUS_CLIENT.setLevel(tyrusLevel);
            ClusterServices.dropDatabase(database);
        }
    }
}
