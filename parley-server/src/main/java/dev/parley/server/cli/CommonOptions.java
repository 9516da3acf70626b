package dev.parley.server.cli;

import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command shares: where the data lives and which app it serves. Declared once, on {@code parley-server},
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

    ServerConfig.Builder apply(ServerConfig.Builder builder) {
        return builder.dataDir(dataDir).appKey(appKey).appId(appId).appCertificate(appCertificate);
    }
}
