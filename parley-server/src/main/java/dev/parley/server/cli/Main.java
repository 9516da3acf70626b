package dev.parley.server.cli;

import picocli.CommandLine;

/** The {@code parley-server} launcher: parses the command line and runs the chosen command. */
public final class Main {
    /** Held so that their levels are not lost when the loggers would otherwise be collected. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");
    /** HikariCP (through SLF4J): three lines per pool at every start, and per admin command. */
    private static final java.util.logging.Logger HIKARI = java.util.logging.Logger.getLogger("com.zaxxer.hikari");
    /** jnats: the connection's events, which the NATS bus logs itself. */
    private static final java.util.logging.Logger NATS = java.util.logging.Logger.getLogger("io.nats");

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
            HIKARI.setLevel(java.util.logging.Level.WARNING);
            NATS.setLevel(java.util.logging.Level.WARNING);
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
