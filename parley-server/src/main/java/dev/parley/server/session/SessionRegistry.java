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

    /**
     * Adds a signed-in connection of {@code user} unless the user has {@code maxPerUser} already; whether it was
     * added. Atomic: two devices signing in at once cannot both take the last place.
     */
    boolean signedIn(String user, Connection c, int maxPerUser) {
        boolean[] added = new boolean[1];
        byUser.compute(user, (u, set) -> {
            Set<Connection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            added[0] = connections.size() < maxPerUser && connections.add(c);
            return connections.isEmpty() ? null : connections;
        });
        return added[0];
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

    /** How many connections are open, signed in or not. */
    /** Open connections that write their frames to the socket themselves (see {@link UpgradeHandoff}). */
    int directConnectionCount() {
        return (int) all.stream().filter(Connection::writesDirectly).count();
    }

    int connectionCount() {
        return all.size();
    }

    int signedInUsers() {
        return byUser.size();
    }
}
