package dev.parley.server.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which connections each signed-in user has on this node. Safe for concurrent use; lookups never block.
 * <p>
 * Listeners (presence, and the NATS router's subscriptions) are told of each sign-in and each connection that ends,
 * in the order they were added, on the thread that made the change, outside the registry's own updates.
 */
final class SessionRegistry {
    /** Told of sign-ins and of connections that end (presence). Called outside the registry's own updates. */
    interface Listener {
        default void signedIn(String user, Connection c) {
        }

        /** {@code user} is {@code ""} for a connection that never signed in. */
        default void disconnected(String user, Connection c, boolean wasSignedIn) {
        }
    }

    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    SessionRegistry(Listener listener) {
        listeners.add(listener);
    }

    /** A registry nobody listens to (tests). */
    SessionRegistry() {
    }

    /** Adds a listener, told after those added before it; the handle removes it. */
    AutoCloseable addListener(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

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
        if (added[0]) {
            for (Listener l : listeners) {
                l.signedIn(user, c);
            }
        }
        return added[0];
    }

    /** Forgets a connection. */
    void disconnected(String user, Connection c) {
        all.remove(c);
        boolean[] removed = new boolean[1];
        if (!user.isEmpty()) {
            byUser.computeIfPresent(user, (u, set) -> {
                removed[0] = set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
        for (Listener l : listeners) {
            l.disconnected(user, c, removed[0]);
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
