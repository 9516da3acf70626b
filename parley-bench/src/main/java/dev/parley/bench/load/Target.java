package dev.parley.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A server the benchmark measures, each in its own process (or processes) on a fresh data dir (and, for a cluster,
 * a fresh database), one after another.
 */
enum Target {
    /** Parley as shipped: SQLite WAL, synchronous=FULL, group commit. */
    PARLEY("parley", "Parley, durable store (SQLite WAL, synchronous=FULL)", List.of(), 1),
    /** Parley with its non-durable in-memory store ({@code --store memory}). */
    PARLEY_MEMORY("parley-memory", "Parley, --store memory (not durable)", List.of("--store", "memory"), 1),
    /** {@link RelayServer}: the same frames, nothing stored, one selector thread. */
    RELAY("relay", "minimal NIO relay (yardstick, no storage)", List.of(), 1),
    /** Cluster mode with one node: PostgreSQL store, NATS router; the baseline for {@link #PG_2NODES}. */
    PG_1NODE("pg-1node", "Parley cluster mode, 1 node (--store postgres --router nats)", TargetServers.CLUSTER_FLAGS, 1),
    /** Two cluster nodes on one database and one NATS; user i signs in at node i % 2. */
    PG_2NODES("pg-2nodes", "Parley cluster mode, 2 nodes on one database and NATS, user i on node i % 2",
            TargetServers.CLUSTER_FLAGS, 2);

    final String id;
    final String description;
    final List<String> serverFlags;
    /** Server processes, each a node; users are spread over them round-robin. */
    final int nodes;

    Target(String id, String description, List<String> serverFlags, int nodes) {
        this.id = id;
        this.description = description;
        this.serverFlags = serverFlags;
        this.nodes = nodes;
    }

    boolean isParley() {
        return this != RELAY;
    }

    /** Whether this is Parley's cluster mode (PostgreSQL and NATS, started by {@link TargetServers}). */
    boolean isCluster() {
        return this == PG_1NODE || this == PG_2NODES;
    }

    /** Whether users exist only once the server runs (so they are registered over REST, not written beforehand). */
    boolean usersOverRest() {
        return this == PARLEY_MEMORY || isCluster();
    }

    static Target byId(String id) {
        for (Target t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target " + id + " (" + Arrays.stream(values()).map(t -> t.id)
                .collect(Collectors.joining(", ")) + ")");
    }
}
