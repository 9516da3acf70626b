package dev.parley.bench;

/** The benchmarks' command-line options: {@code --name value} pairs. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** The integer after {@code name}, or {@code fallback} when it is not given. */
    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
