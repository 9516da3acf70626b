package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.UserIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Presence: who is online (has a signed-in session on this server, or on any node of a cluster), when each user was
 * last seen, their custom status line, and who watches whom. A {@code subscribePresence} is answered with a
 * {@code presence} for each user at once, and again on every change (online, offline, a new status line) until the
 * watching session ends. The one owner of presence frames.
 * <p>
 * This node's state of each user is merged with the other nodes' ({@link PresenceCluster}; none for a single server):
 * online if any node holds a session, last seen the latest of the nodes', the newest status line of all. Watchers
 * get a frame only when the merged presence changes; each change of this node's state is told to the cluster.
 * <p>
 * Held in memory: after a restart everyone is offline with no last-seen time until they sign in, and status lines
 * are published again by the clients. A session watches at most {@value #MAX_WATCHED} users.
 * <p>
 * Threading: any thread; one monitor guards the state (changes are rare next to messages) and orders what is told
 * to the cluster; frames are queued on the watching connections, which never block, after the monitor is released.
 */
final class PresenceHub implements SessionRegistry.Listener, PresenceCluster.Local {
    /** The most users one session may watch. */
    static final int MAX_WATCHED = 1_000;

    private static final class State {
        int sessions;
        long lastSeen;
        String description = "";
        long describedAt;
        /** The merged presence last told to watchers (or that they would have been told). */
        Frame.Presence announced;

        PresenceCluster.NodePresence here() {
            return new PresenceCluster.NodePresence(sessions, lastSeen, description, describedAt);
        }
    }

    /** A merged presence to send, and to whom. */
    private record Change(Outbound.Encoded frame, Set<Connection> to) {
        void send() {
            to.forEach(w -> w.send(frame));
        }
    }

    private final FrameCodec codec;
    private final Clock clock;
    private final PresenceCluster cluster;
    // guarded by this
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Set<Connection>> watchers = new HashMap<>();
    private final Map<Connection, Set<String>> watching = new HashMap<>();

    /** A single server's presence. */
    PresenceHub(FrameCodec codec, Clock clock) {
        this(codec, clock, PresenceCluster.NONE);
    }

    /** A node's presence in a cluster; call {@link #start} to hear from the other nodes. */
    PresenceHub(FrameCodec codec, Clock clock, PresenceCluster cluster) {
        this.codec = codec;
        this.clock = clock;
        this.cluster = cluster;
    }

    /** Starts hearing from the other nodes (nothing for a single server). */
    void start() {
        cluster.start(this);
    }

    /** Stops hearing from the other nodes. */
    void close() {
        cluster.close();
    }

    @Override
    public void signedIn(String user, Connection c) {
        Change change;
        synchronized (this) {
            State state = states.computeIfAbsent(user, u -> new State());
            state.sessions++;
            cluster.changed(user, state.here());
            change = announce(user, state);
        }
        if (change != null) {
            change.send();
        }
    }

    @Override
    public void disconnected(String user, Connection c, boolean wasSignedIn) {
        Change change = null;
        synchronized (this) {
            for (String watched : watching.getOrDefault(c, Set.of())) {
                Set<Connection> set = watchers.get(watched);
                if (set != null && set.remove(c) && set.isEmpty()) {
                    watchers.remove(watched);
                }
            }
            watching.remove(c);
            State state = states.get(user);
            if (wasSignedIn && state != null && state.sessions > 0) {
                if (--state.sessions == 0) {
                    state.lastSeen = clock.millis();
                }
                cluster.changed(user, state.here());
                change = announce(user, state);
            }
        }
        if (change != null) {
            change.send();
        }
    }

    /** The other nodes' presence of these users changed: their watchers here are told if the merged one did. */
    @Override
    public void remoteChanged(Set<String> users) {
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            for (String user : users) {
                Change change = announce(user, states.computeIfAbsent(user, u -> new State()));
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        changes.forEach(Change::send);
    }

    /** {@code subscribePresence}: the presence of each user now, and on every change. */
    void subscribe(Connection c, Frame.SubscribePresence subscribe) {
        LinkedHashSet<String> users = new LinkedHashSet<>();
        for (String name : subscribe.users()) {
            Optional<String> user = UserIds.normalize(name);
            if (user.isEmpty()) {
                c.send(Frame.Error.of(ErrorCode.USER_NOT_FOUND, "invalid user id in users"));
                return;
            }
            users.add(user.get());
        }
        List<Outbound.Encoded> now = new ArrayList<>(users.size());
        synchronized (this) {
            Set<String> mine = watching.computeIfAbsent(c, k -> new HashSet<>());
            if (mine.size() + users.size() > MAX_WATCHED && !mine.containsAll(users)) {
                c.send(Frame.Error.of(ErrorCode.LIMIT_REACHED, "a session watches at most " + MAX_WATCHED + " users"));
                return;
            }
            for (String user : users) {
                mine.add(user);
                watchers.computeIfAbsent(user, u -> new HashSet<>()).add(c);
                State state = states.get(user);
                now.add(encode(state == null ? merged(user, new State()) : merged(user, state)));
            }
        }
        now.forEach(c::send);
    }

    /** {@code publishPresence}: a new status line for the user's watchers (and the user's own sessions do not care). */
    void publish(Connection c, Frame.PublishPresence publish) {
        Change change;
        synchronized (this) {
            State state = states.computeIfAbsent(c.user(), u -> new State());
            if (merged(c.user(), state).description().equals(publish.description())) {
                return;
            }
            state.description = publish.description();
            state.describedAt = Math.max(clock.millis(), state.describedAt + 1);
            cluster.changed(c.user(), state.here());
            change = announce(c.user(), state);
        }
        if (change != null) {
            change.send();
        }
    }

    /** Sessions of {@code user} on the other nodes of the cluster (0 for a single server). */
    int sessionsElsewhere(String user) {
        return cluster.sessionsElsewhere(user);
    }

    /**
     * The device limit left for {@code user} on this node: {@code maxDevicesPerUser} less the user's sessions on the
     * other nodes, as this node last heard of them. Two sign-ins racing on two nodes within the time presence takes to
     * travel between them may both pass; within one node the registry's check is atomic.
     */
    int maxDevicesHere(String user, int maxDevicesPerUser) {
        return maxDevicesPerUser - cluster.sessionsElsewhere(user);
    }

    /**
     * How many nodes hold signed-in sessions of {@code user}, a user signed in on this node: this one and the others
     * (1 for a single server). Takes no lock of the hub: it is asked at every send.
     */
    int nodesWithSessions(String user) {
        return 1 + cluster.nodesElsewhere(user);
    }

    /** Under the monitor: the change to tell the user's watchers, if the merged presence changed; else null. */
    private Change announce(String user, State state) {
        Frame.Presence now = merged(user, state);
        Frame.Presence before = state.announced != null ? state.announced
                : new Frame.Presence(user, Frame.Presence.OFFLINE, 0, "");
        state.announced = now;
        if (now.equals(before)) {
            return null;
        }
        return new Change(encode(now), Set.copyOf(watchers.getOrDefault(user, Set.of())));
    }

    /** Under the monitor: this node's state merged with the other nodes'. */
    private Frame.Presence merged(String user, State state) {
        int sessions = state.sessions;
        long lastSeen = state.lastSeen;
        String description = state.description;
        long describedAt = state.describedAt;
        for (PresenceCluster.NodePresence p : cluster.elsewhere(user)) {
            sessions += p.sessions();
            lastSeen = Math.max(lastSeen, p.lastSeen());
            if (p.describedAt() > describedAt) {
                description = p.description();
                describedAt = p.describedAt();
            }
        }
        boolean online = sessions > 0;
        return new Frame.Presence(user, online ? Frame.Presence.ONLINE : Frame.Presence.OFFLINE,
                online ? 0 : lastSeen, description);
    }

    private Outbound.Encoded encode(Frame.Presence presence) {
        return Outbound.Encoded.of(codec.encode(presence));
    }
}
