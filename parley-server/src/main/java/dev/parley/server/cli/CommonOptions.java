package dev.parley.server.cli;

import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command shares: where the data lives (the data dir, and the store: a cluster's PostgreSQL database)
 * and which app it serves. Declared once, on {@code parley-server},
 * and inherited by its subcommands, so they may come before or after the subcommand's name.
 */
final class CommonOptions {
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "${env:PARLEY_DATA_DIR:-${sys:user.home}/.parley/server}",
            description = "Database and app credentials (env PARLEY_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--app-key", scope = ScopeType.INHERIT, paramLabel = "ORG#APP", defaultValue = "${env:PARLEY_APP_KEY:-}",
            description = "App key; default: the saved one, or " + ServerConfig.DEFAULT_APP_KEY + " (env PARLEY_APP_KEY).")
    String appKey;

    @Option(names = "--app-id", scope = ScopeType.INHERIT, paramLabel = "HEX32", defaultValue = "${env:PARLEY_APP_ID:-}",
            description = "App id, 32 hex characters; default: saved or generated (env PARLEY_APP_ID).")
    String appId;

    @Option(names = "--app-certificate", scope = ScopeType.INHERIT, paramLabel = "HEX32", defaultValue = "${env:PARLEY_APP_CERTIFICATE:-}",
            description = "App certificate, 32 hex characters; default: saved or generated (env PARLEY_APP_CERTIFICATE).")
    String appCertificate;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "KIND",
            defaultValue = "${env:PARLEY_STORE:-sqlite}", converter = ServeCommand.StoreKindConverter.class,
            description = "Where users, messages and uploads are kept: sqlite (durable, in the data dir), postgres (a PostgreSQL database that the nodes of a cluster share: see --db-url) or memory (the heap only: lost at every restart, for tests and demos) (env PARLEY_STORE; default: ${DEFAULT-VALUE}).")
    ServerConfig.StoreKind store;

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            defaultValue = "${env:PARLEY_DB_URL:-}",
            description = "The PostgreSQL database of --store postgres, as jdbc:postgresql://HOST[:PORT]/DATABASE; required with it. Its schema is made or upgraded at start (the role needs CREATE on the database, and the pg_trgm extension must be available) (env PARLEY_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", scope = ScopeType.INHERIT, paramLabel = "ROLE",
            defaultValue = "${env:PARLEY_DB_USER:-}",
            description = "The role to connect to PostgreSQL as (env PARLEY_DB_USER; default: the driver's).")
    String dbUser;

    @Option(names = "--db-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            defaultValue = "${env:PARLEY_DB_PASSWORD:-}",
            description = "Its password; prefer the environment, which other users of the machine cannot list (env PARLEY_DB_PASSWORD; default: none).")
    String dbPassword;

    ServerConfig.Builder apply(ServerConfig.Builder builder) {
        return builder.dataDir(dataDir).appKey(appKey).appId(appId).appCertificate(appCertificate).store(store)
                .dbUrl(dbUrl).dbUser(dbUser).dbPassword(dbPassword);
    }
}
