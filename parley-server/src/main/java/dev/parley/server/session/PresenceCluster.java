package dev.parley.server.session;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the other nodes of a cluster hold of each user's presence, for the {@link PresenceHub}, which stays the one
 * owner of presence frames: it merges this node's state of a user with the other nodes' and tells watchers when the
 * merged presence changes. {@link #NONE} is a single server's: no other nodes, so presence is this node's alone.
 * {@link NatsPresence} is a cluster's, over NATS.
 * <p>
 * Threading: {@link #changed} is called under the hub's monitor, in the order of the changes, and must not block or
 * call back into the hub; {@link Local#remoteChanged} is called outside the cluster's locks.
 */
interface PresenceCluster extends AutoCloseable {

    /**
     * One node's presence of one user.
     *
     * @param sessions    signed-in sessions of the user on the node
     * @param lastSeen    when the user's last session there ended (epoch millis), 0 if never
     * @param description the status line set there, {@code ""} if none
     * @param describedAt when it was set (epoch millis), 0 if never: the newest status line of all nodes is shown
     */
    record NodePresence(int sessions, long lastSeen, String description, long describedAt) {
        public NodePresence {
            Objects.requireNonNull(description, "description");
        }
    }

    /** The node's own side, which the cluster tells about the others. */
    interface Local {
        /** The other nodes' presence of these users changed (a node's update, snapshot, or a node dropped). */
        void remoteChanged(Set<String> users);
    }

    /** Starts telling {@code local} of changes elsewhere (and, for a cluster, joins it). */
    void start(Local local);

    /** This node's presence of {@code user} is now {@code here}: the other nodes are told. */
    void changed(String user, NodePresence here);

    /** The presence of {@code user} on each other node that has any (none for a single server). */
    List<NodePresence> elsewhere(String user);

    /** How many other nodes hold signed-in sessions of {@code user}. */
    default int nodesElsewhere(String user) {
        return (int) elsewhere(user).stream().filter(p -> p.sessions() > 0).count();
    }

    /** How many sessions of {@code user} the other nodes hold. */
    default int sessionsElsewhere(String user) {
        return elsewhere(user).stream().mapToInt(NodePresence::sessions).sum();
    }

    @Override
    void close();

    /** A single server: no other nodes. */
    PresenceCluster NONE = new PresenceCluster() {
        @Override
        public void start(Local local) {
        }

        @Override
        public void changed(String user, NodePresence here) {
        }

        @Override
        public List<NodePresence> elsewhere(String user) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };
}
