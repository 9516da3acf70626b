package dev.parley.server.cli;

import picocli.CommandLine;

/** The {@code parley-server} launcher: parses the command line and runs the chosen command. */
public final class Main {
    /** Held so that its level is not lost when the logger would otherwise be collected. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args));
    }

    /** One line per record; the libraries' start-up chatter only at WARNING and above. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
            GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("parley-server: " + e.getMessage());
            return e instanceof dev.parley.server.ConfigException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }
}
