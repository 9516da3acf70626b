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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load: a real server process is killed with SIGKILL at random moments while SDK clients send to each
 * other, and started again on the same port and data dir, over and over. The clients reconnect by themselves and
 * resend their outbox by local id. Afterwards the {@link HistoryChecker} finds no acknowledged message lost, none
 * shown twice, none out of commit order, none that was never sent.
 */
class CrashRecoveryTest {
    private static final int KILLS = 22;
    private static final int USERS = 6;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Tyrus's client logs every connection reset at SEVERE, with a stack trace; here they are expected. */
    private static final java.util.logging.Logger TYRUS_CLIENT =
            java.util.logging.Logger.getLogger("org.glassfish.tyrus.container.jdk.client");

    @TempDir
    Path dir;

    /** Lets the workload run for a while: a timed wait on a future, not a sleep. */
    private static void runFor(Duration duration) {
        new CompletableFuture<Void>().completeOnTimeout(null, duration.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Waits until {@code count} logins happened (or the timeout passed: the kill then comes anyway). */
    private static void awaitLogins(java.util.concurrent.BlockingQueue<String> logins, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0; seen < count; seen++) {
            if (logins.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == null) {
                return;
            }
        }
    }

    @Test
    void acknowledgedMessagesSurviveRepeatedKillsAndAreShownExactlyOnceInOrder() throws Exception {
        java.util.logging.Level tyrusLevel = TYRUS_CLIENT.getLevel();
        TYRUS_CLIENT.setLevel(java.util.logging.Level.OFF);
        AppCredentials credentials = AppCredentials.generate(new SecureRandom());
        long seed = new SecureRandom().nextLong();
        Random random = new Random(seed);
        HistoryChecker history = new HistoryChecker();
        AtomicInteger connects = new AtomicInteger();
        java.util.concurrent.BlockingQueue<String> logins = new java.util.concurrent.LinkedBlockingQueue<>();
        List<ChatClient> clients = new ArrayList<>();
        List<String> users = new ArrayList<>();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        // The send rate limit comes from the environment, the others from flags: both paths are used. It is set far
        // above the load: after a slow restart a client's outbox holds seconds of messages and resends them at once,
        // and this test is about durability, not the rate limit (which BadInputTest covers).
        try (ServerProcess server = new ServerProcess(dir.resolve("data"), credentials,
                List.of("--open-registration", "--registration-rate", "100"),
                Map.of("PARLEY_RATE_LIMIT", "100000", "PARLEY_RATE_BURST", "100000",
                        "PARLEY_FRAME_RATE", "1000000", "PARLEY_FRAME_BURST", "1000000"))) {
            server.start(START_TIMEOUT);
            for (int i = 0; i < USERS; i++) {
                String user = "crash" + i;
                ChatClient client = ChatClient.create(ChatOptions.builder().appKey(ServerProcess.APP_KEY)
                        .url(server.wsUrl()).apiUrl(server.apiUrl())
                        .reconnectPolicy(ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(50)))
                        .autoReconnectMaxAttempts(100_000)
                        .sendTimeout(Duration.ofMinutes(2))
                        .connectTimeout(Duration.ofSeconds(1))
                        .build());
                client.addEventHandler("history", history.recorderFor(user));
                client.addEventHandler("connects", new ChatEventHandler() {
                    @Override
                    public void onConnected() {
                        connects.incrementAndGet();
                        logins.add(user);
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

            long killPhase = System.nanoTime();
            for (int kill = 0; kill < KILLS; kill++) {
                // kill while the clients are back and sending: wait for their logins, then a random moment
                awaitLogins(logins, USERS, Duration.ofSeconds(10));
                runFor(Duration.ofMillis(random.nextInt(400)));
                server.kill();
                logins.clear();
                server.start(START_TIMEOUT);
            }
            Duration killTime = Duration.ofNanos(System.nanoTime() - killPhase);
            runFor(Duration.ofMillis(500));
            load.shutdown();
            assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            history.awaitOutcomes(Duration.ofSeconds(90));
            history.awaitReceiptedShown(Duration.ofSeconds(60));
            HistoryChecker.Report report = history.check();
            System.out.printf("crash test (seed %d): %d kills survived, %,d messages sent, %,d receipted, %,d checked "
                            + "at their recipients, %d lost, %d duplicates, %d out of order, %d never sent; "
                            + "%d logins (reconnects included); kill phase %d s%n", seed, server.starts() - 1,
                    report.sent(), report.receipted(), report.shown(), report.lost(), report.duplicates(),
                    report.outOfOrder(), report.phantoms(), connects.get(), killTime.toSeconds());
            assertThat(server.starts() - 1).isGreaterThanOrEqualTo(20);
            assertThat(history.failures()).as("every send got its receipt in the end").isEmpty();
            assertThat(report.receipted()).isEqualTo(report.sent());
            assertThat(connects.get()).as("clients reconnected after the kills").isGreaterThan(USERS * 10);
        } finally {
            load.shutdownNow();
            clients.forEach(ChatClient::close);
            TYRUS_CLIENT.setLevel(tyrusLevel);
        }
    }
}
