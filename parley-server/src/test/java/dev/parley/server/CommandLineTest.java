package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsEveryOptionAndTheSubcommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--host", "--port", "--data-dir", "--app-key", "--app-id", "--app-certificate",
                "--open-registration", "token", "register");
    }

    @Test
    void badFlagsGetAClearErrorAndExitCode2() {
        Run unknown = run("--colour", "blue");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option", "'--colour'");
        Run badPort = run("--port", "seventy");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port");
        Run badKey = run("token", "--user", "leo", "--data-dir", dir.toString(), "--app-key", "no-hash");
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("Invalid appKey");
    }

    @Test
    void tokenPrintsAUserTokenThatVerifiesWithTheSavedCredentials() throws Exception {
        Run r = run("token", "--user", "Leo", "--ttl", "600", "--data-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String token = r.out().trim();
        assertThat(token).startsWith("007");
        var saved = new java.util.Properties();
        try (var in = Files.newInputStream(dir.resolve("app.properties"))) {
            saved.load(in);
        }
        assertThat(saved.getProperty("appKey")).isEqualTo("parley#chat");
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build())) {
            var verified = new TokenVerifier(server.credentials(), Clock.systemUTC(), Duration.ZERO)
                    .verifyUser(token, "leo");
            assertThat(verified.expiresAt()).isBefore(java.time.Instant.now().plusSeconds(601));
        }
    }

    @Test
    void sharedOptionsMayComeBeforeOrAfterTheSubcommand() {
        assertThat(run("--data-dir", dir.toString(), "register", "--user", "amy", "--password", "secret-1").out())
                .contains("registered amy");
        Run again = run("register", "--user", "amy", "--password", "secret-1", "--data-dir", dir.toString());
        assertThat(again.err()).as("the same data dir both ways").contains("taken");
    }

    @Test
    void registerCreatesAUserOnceAndRefusesBadPasswords() {
        assertThat(run("register", "--user", "roy", "--password", "secret-1", "--data-dir", dir.toString()).out())
                .contains("registered roy");
        Run again = run("register", "--user", "ROY", "--password", "secret-1", "--data-dir", dir.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("taken");
        assertThat(run("register", "--user", "roy", "--password", "secret-1", "--if-absent", "--data-dir",
                dir.toString()).code()).isZero();
        Run shortPassword = run("register", "--user", "amy", "--password", "123", "--data-dir", dir.toString());
        assertThat(shortPassword.code()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password must be");
    }

    @Test
    void givenCredentialsMustBeValid() {
        Run r = run("token", "--user", "leo", "--data-dir", dir.toString(), "--app-id", "abc", "--app-certificate",
                "def");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("32");
    }

    @Test
    void registerWritesToAClustersDatabaseWhichEveryNodeThenSees() throws Exception {
        try (var db = dev.parley.server.testing.PostgresTestDatabase.create()) {
            String[] cluster = {"--store", "postgres", "--db-url", db.jdbcUrl(), "--db-user", db.user()};
            Run registered = run(concat(new String[] {"register", "--user", "amy", "--password", "secret-1",
                    "--data-dir", dir.toString()}, cluster));
            assertThat(registered.out()).as(registered.err()).contains("registered amy");
            Run again = run(concat(new String[] {"register", "--user", "amy", "--password", "secret-1",
                    "--data-dir", dir.resolve("another-node").toString()}, cluster));
            assertThat(again.err()).as("another node's data dir, the same database").contains("taken");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
