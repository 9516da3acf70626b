package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every limit has a flag, and the flags land in the server's configuration. */
class ServeCommandTest {
    private static ServerConfig parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void theLimitFlagsSetTheConfiguration() {
        ServerConfig config = parse("--data-dir", "d", "--rate-limit", "5", "--rate-burst", "7",
                "--max-connections-per-address", "3", "--connection-rate", "2.5", "--connection-burst", "4",
                "--max-devices", "2", "--login-rate", "6", "--registration-rate", "1", "--max-queued-bytes", "99999",
                "--frame-rate", "12.5", "--frame-burst", "30",
                "--max-http-connections-per-address", "8", "--http-idle-timeout", "12", "--header-timeout", "3",
                "--body-timeout", "4", "--allowed-origins", "https://chat.example.com, http://LOCALHOST:8080");
        assertThat(config.sendRatePerSecond()).isEqualTo(5);
        assertThat(config.sendBurst()).isEqualTo(7);
        assertThat(config.maxConnectionsPerAddress()).isEqualTo(3);
        assertThat(config.connectionRatePerSecond()).isEqualTo(2.5);
        assertThat(config.connectionBurst()).isEqualTo(4);
        assertThat(config.maxDevicesPerUser()).isEqualTo(2);
        assertThat(config.loginRatePerMinute()).isEqualTo(6);
        assertThat(config.registrationRatePerMinute()).isEqualTo(1);
        assertThat(config.maxQueuedBytes()).isEqualTo(99_999);
        assertThat(config.frameRatePerSecond()).isEqualTo(12.5);
        assertThat(config.frameBurst()).isEqualTo(30);
        assertThat(config.maxHttpConnectionsPerAddress()).isEqualTo(8);
        assertThat(config.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.bodyTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.allowedOrigins()).containsExactly("https://chat.example.com:443", "http://localhost:8080");
    }

    @Test
    void theUploadFlagsSetTheConfiguration() {
        ServerConfig config = parse("--data-dir", "d", "--max-upload-bytes", "2048", "--max-avatar-bytes", "512",
                "--unreferenced-upload-hours", "6");
        assertThat(config.maxUploadBytes()).isEqualTo(2048);
        assertThat(config.maxAvatarBytes()).isEqualTo(512);
        assertThat(config.unreferencedUploadLifetime()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> parse("--data-dir", "d", "--max-upload-bytes", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upload");
        assertThatThrownBy(() -> parse("--data-dir", "d", "--unreferenced-upload-hours", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--unreferenced-upload-hours");
    }

    @Test
    void anAllowedOriginThatIsNotAnOriginIsRefused() {
        assertThatThrownBy(() -> parse("--data-dir", "d", "--allowed-origins", "https://chat.example.com/app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed origins");
    }

    @Test
    void withoutFlagsTheLimitsHaveTheBuildersDefaults() {
        ServerConfig flags = parse("--data-dir", "d");
        ServerConfig builder = ServerConfig.builder().build();
        assertThat(flags.maxConnectionsPerAddress()).isEqualTo(builder.maxConnectionsPerAddress());
        assertThat(flags.connectionRatePerSecond()).isEqualTo(builder.connectionRatePerSecond());
        assertThat(flags.connectionBurst()).isEqualTo(builder.connectionBurst());
        assertThat(flags.maxDevicesPerUser()).isEqualTo(builder.maxDevicesPerUser());
        assertThat(flags.loginRatePerMinute()).isEqualTo(builder.loginRatePerMinute());
        assertThat(flags.registrationRatePerMinute()).isEqualTo(builder.registrationRatePerMinute());
        assertThat(flags.maxQueuedBytes()).isEqualTo(builder.maxQueuedBytes());
        assertThat(flags.frameRatePerSecond()).isEqualTo(builder.frameRatePerSecond());
        assertThat(flags.frameBurst()).isEqualTo(builder.frameBurst());
        assertThat(flags.sendRatePerSecond()).isEqualTo(builder.sendRatePerSecond());
        assertThat(flags.sendBurst()).isEqualTo(builder.sendBurst());
        assertThat(flags.maxHttpConnectionsPerAddress()).isEqualTo(builder.maxHttpConnectionsPerAddress());
        assertThat(flags.httpIdleTimeout()).isEqualTo(builder.httpIdleTimeout());
        assertThat(flags.headerTimeout()).isEqualTo(builder.headerTimeout());
        assertThat(flags.bodyTimeout()).isEqualTo(builder.bodyTimeout());
        assertThat(flags.allowedOrigins()).isEqualTo(builder.allowedOrigins()).isEmpty();
        assertThat(flags.maxUploadBytes()).isEqualTo(builder.maxUploadBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(flags.maxAvatarBytes()).isEqualTo(builder.maxAvatarBytes()).isEqualTo(1024 * 1024);
        assertThat(flags.unreferencedUploadLifetime()).isEqualTo(builder.unreferencedUploadLifetime())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theStoreIsSqliteUnlessMemoryOrPostgresIsAskedFor() {
        assertThat(parse("--data-dir", "d").store()).isEqualTo(ServerConfig.StoreKind.SQLITE);
        assertThat(parse("--data-dir", "d", "--store", "Memory").store()).isEqualTo(ServerConfig.StoreKind.MEMORY);
        assertThatThrownBy(() -> parse("--data-dir", "d", "--store", "mysql"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'mysql' is not a store: use sqlite, postgres or memory");
    }

    @Test
    void thePostgresStoreNeedsADatabaseUrlAndTakesItsConnectionFlags() {
        ServerConfig config = parse("--data-dir", "d", "--store", "postgres", "--db-url",
                "jdbc:postgresql://db.example.com:5432/parley", "--db-user", "parley", "--db-password", "s3cret",
                "--db-pool-size", "12");
        assertThat(config.store()).isEqualTo(ServerConfig.StoreKind.POSTGRES);
        assertThat(config.database()).isEqualTo(new ServerConfig.Database(
                "jdbc:postgresql://db.example.com:5432/parley", "parley", "s3cret", 12));
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(parse("--data-dir", "d").database().poolSize()).isEqualTo(ServerConfig.Database.DEFAULT_POOL_SIZE);

        assertThatThrownBy(() -> parse("--data-dir", "d", "--store", "postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the postgres store needs the database's URL: --db-url");
        assertThatThrownBy(() -> parse("--data-dir", "d", "--store", "postgres", "--db-url", "postgres://db/parley"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with jdbc:postgresql:");
        assertThatThrownBy(() -> parse("--data-dir", "d", "--db-pool-size", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool size");
    }

    @Test
    void theRouterIsLocalUnlessNatsIsAskedForWithItsUrlAndANodeId() {
        ServerConfig single = parse("--data-dir", "d");
        assertThat(single.router()).isEqualTo(ServerConfig.RouterKind.LOCAL);
        assertThat(single.nodeId()).as("a random id made at start").startsWith("node-");
        assertThat(parse("--data-dir", "d").nodeId()).isNotEqualTo(single.nodeId());

        ServerConfig node = parse("--data-dir", "d", "--router", "NATS", "--nats-url",
                "nats://10.0.0.5:4222,nats://10.0.0.6:4222", "--node-id", "eu-1");
        assertThat(node.router()).isEqualTo(ServerConfig.RouterKind.NATS);
        assertThat(node.natsUrl()).isEqualTo("nats://10.0.0.5:4222,nats://10.0.0.6:4222");
        assertThat(node.nodeId()).isEqualTo("eu-1");
        assertThat(parse("--data-dir", "d", "--router", "nats").natsUrl()).isEqualTo(ServerConfig.DEFAULT_NATS_URL);

        assertThatThrownBy(() -> parse("--data-dir", "d", "--router", "kafka"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'kafka' is not a router: use local or nats");
        assertThatThrownBy(() -> parse("--data-dir", "d", "--router", "nats", "--nats-url", "127.0.0.1:4222"))
                .hasMessageContaining("natsUrl must be nats://host:port");
        assertThatThrownBy(() -> parse("--data-dir", "d", "--node-id", "a.b"))
                .hasMessageContaining("nodeId must be 1 to 64 letters");
    }
}
