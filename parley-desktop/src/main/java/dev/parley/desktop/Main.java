package dev.parley.desktop;

import java.io.PrintStream;
import java.util.List;
import javafx.application.Application;

/**
 * The launcher of the desktop app ({@code bin/parley}). A plain class, not an {@link Application}: it handles
 * {@code --help} and {@code --version} without starting JavaFX (no display needed), and only then launches
 * {@link ParleyApp}. See {@link LaunchOptions#usage()} for the flags.
 */
public final class Main {
    private Main() {
    }

    /** Runs the app; exits with 2 on a wrong command line. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
        Application.launch(ParleyApp.class, args);
    }

    /**
     * Handles what needs no window.
     *
     * @return the exit status if the program is done, or -1 to launch the window
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args), System.getenv());
        } catch (LaunchOptions.UsageException e) {
            err.println("parley: " + e.getMessage());
            err.println("Try 'parley --help'.");
            return 2;
        }
        if (options.help()) {
            out.print(LaunchOptions.usage());
            return 0;
        }
        if (options.version()) {
            out.println("parley " + Version.current());
            return 0;
        }
        return -1;
    }
}
