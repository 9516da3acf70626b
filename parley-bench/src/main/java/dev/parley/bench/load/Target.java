package dev.parley.bench.load;

import java.util.List;

/** A server the benchmark measures, each in its own process on a fresh data dir, one after another. */
enum Target {
    /** Parley as shipped: SQLite WAL, synchronous=FULL, group commit. */
    PARLEY("parley", "Parley, durable store (SQLite WAL, synchronous=FULL)", List.of()),
    /** Parley with its non-durable in-memory store ({@code --store memory}). */
    PARLEY_MEMORY("parley-memory", "Parley, --store memory (not durable)", List.of("--store", "memory")),
    /** {@link RelayServer}: the same frames, nothing stored, one selector thread. */
    RELAY("relay", "minimal NIO relay (yardstick, no storage)", List.of());

    final String id;
    final String description;
    final List<String> serverFlags;

    Target(String id, String description, List<String> serverFlags) {
        this.id = id;
        this.description = description;
        this.serverFlags = serverFlags;
    }

    boolean isParley() {
        return this != RELAY;
    }

    /** Whether users exist only once the server runs (so they are registered over REST, not written beforehand). */
    boolean usersOverRest() {
        return this == PARLEY_MEMORY;
    }

    static Target byId(String id) {
        for (Target t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target " + id + " (parley, parley-memory, relay)");
    }
}
