package dev.parley.server.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a chat user token, like the console's temporary token in Agora's quickstart. For testing. */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints a chat user token for testing; creates the user (without a password) if unknown.")
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ServeCommand parent;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "The user id, for example leo.")
    String user;

    @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Lifetime in seconds (default: ${DEFAULT-VALUE}, at most 86400).")
    long ttl;

    @Override
    public Integer call() {
        if (ttl < 1 || ttl > 86_400) {
            throw new IllegalArgumentException("--ttl must be 1-86400 seconds");
        }
        try (DataDirAccess data = DataDirAccess.open(parent.common)) {
            spec.commandLine().getOut().println(data.userToken(user, Duration.ofSeconds(ttl)));
        }
        return 0;
    }
}
