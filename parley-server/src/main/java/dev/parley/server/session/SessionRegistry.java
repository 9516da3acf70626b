package dev.parley.server.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections each signed-in user has on this node. Safe for concurrent use; lookups never block.
 */
final class SessionRegistry {
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    /** Tracks a connection from its WebSocket open on. */
    void connected(Connection c) {
        all.add(c);
    }

    /** Adds a signed-in connection of {@code user}. */
    void signedIn(String user, Connection c) {
        byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(c);
    }

    /** Forgets a connection. */
    void disconnected(String user, Connection c) {
        all.remove(c);
        if (!user.isEmpty()) {
            byUser.computeIfPresent(user, (u, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The user's connections right now (a snapshot). */
    List<Connection> connectionsOf(String user) {
        Set<Connection> set = byUser.get(user);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** Every open connection (a snapshot), signed in or not. */
    List<Connection> all() {
        return List.copyOf(all);
    }

    int signedInUsers() {
        return byUser.size();
    }
}
