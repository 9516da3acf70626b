package dev.parley.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Registers a user with a password. */
@Command(name = "register", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Registers a user with a password (works while the server runs).")
final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ServeCommand parent;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "The user id, for example leo.")
    String user;

    @Option(names = "--password", required = true, paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "The password (6-128 characters); asked for when given without a value.")
    String password;

    @Option(names = "--nickname", paramLabel = "NAME", defaultValue = "", description = "A display name.")
    String nickname;

    @Option(names = "--if-absent", description = "Succeed without change when the user exists already.")
    boolean ifAbsent;

    @Override
    public Integer call() {
        try (DataDirAccess data = DataDirAccess.open(parent.common)) {
            boolean created = data.register(user, password, nickname, ifAbsent);
            spec.commandLine().getOut().println(created ? "registered " + user.toLowerCase(java.util.Locale.ROOT)
                    : "user " + user.toLowerCase(java.util.Locale.ROOT) + " exists already");
        }
        return 0;
    }
}
