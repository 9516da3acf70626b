package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing one account's password is throttled per account and address: after 5 failures that address waits 1 s,
 * then 2 s, 4 s … (429 {@code reach_limit} with {@code Retry-After}), while the owner on another address still signs
 * in. The lock across all addresses (after 100 failures) is shown in {@code LoginThrottleTest}. Uses 127.0.0.2 as a
 * second address (Linux routes all of 127.0.0.0/8 to the loopback).
 */
class PasswordGuessingTest {
    private static final String TOKEN = "/parley/chat/token";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).loginRatePerMinute(1000).build(),
                clock);
        server.registerUser("leo", "secret-leo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Response signIn(String from, String password) throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), InetAddress.getByName(from))) {
            return c.exchange(RawHttp.post(TOKEN, "application/json",
                    "{\"grant_type\":\"password\",\"username\":\"leo\",\"password\":\"" + password + "\"}"));
        }
    }

    @Test
    void anAddressThatGuessesIsLockedOutAndTheOwnerElsewhereIsNot() throws Exception {
        String attacker = "127.0.0.2";
        String owner = "127.0.0.1";
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(attacker, "guess-" + i).status()).as("guess %d", i + 1).isEqualTo(401);
        }
        RawHttp.Response locked = signIn(attacker, "secret-leo");
        assertThat(locked.statusLine()).as("even the right password, from there").isEqualTo(
                "HTTP/1.1 429 Too Many Requests");
        assertThat(locked.error()).isEqualTo("reach_limit");
        assertThat(locked.header("Retry-After")).isEqualTo("1");

        assertThat(signIn(owner, "secret-leo").status()).as("the owner, on another address").isEqualTo(200);
        assertThat(signIn(attacker, "guess-5").status()).as("the owner's success does not free the attacker")
                .isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        assertThat(signIn(attacker, "guess-6").status()).as("one more guess after the lock").isEqualTo(401);
        RawHttp.Response longer = signIn(attacker, "guess-7");
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.header("Retry-After")).as("the lock doubles").isEqualTo("2");

        clock.advance(Duration.ofSeconds(2));
        assertThat(signIn(attacker, "secret-leo").status()).as("a right password resets the count").isEqualTo(200);
        assertThat(signIn(attacker, "guess-8").status()).isEqualTo(401);
    }

    @Test
    void unknownAccountsAreThrottledTheSameWay() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (RawHttp c = RawHttp.connect(server.port(), InetAddress.getByName("127.0.0.2"))) {
                assertThat(c.exchange(RawHttp.post(TOKEN, "application/json",
                        "{\"grant_type\":\"password\",\"username\":\"nobody\",\"password\":\"guess\"}")).status())
                        .isEqualTo(401);
            }
        }
        try (RawHttp c = RawHttp.connect(server.port(), InetAddress.getByName("127.0.0.2"))) {
            assertThat(c.exchange(RawHttp.post(TOKEN, "application/json",
                    "{\"grant_type\":\"password\",\"username\":\"nobody\",\"password\":\"guess\"}")).status())
                    .as("the answer does not tell that nobody does not exist").isEqualTo(429);
        }
    }
}
