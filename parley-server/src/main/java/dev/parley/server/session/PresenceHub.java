package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.UserIds;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Presence: who is online (has a signed-in session on this server), when each user was last seen, their custom status
 * line, and who watches whom. A {@code subscribePresence} is answered with a {@code presence} for each user at once,
 * and again on every change (online, offline, a new status line) until the watching session ends.
 * <p>
 * Held in memory: after a restart everyone is offline with no last-seen time until they sign in, and status lines
 * are published again by the clients. A session watches at most {@value #MAX_WATCHED} users.
 * <p>
 * Threading: any thread; one monitor guards the state (changes are rare next to messages), frames are queued on the
 * watching connections, which never block.
 */
final class PresenceHub implements SessionRegistry.Listener {
    /** The most users one session may watch. */
    static final int MAX_WATCHED = 1_000;

    private static final class State {
        int sessions;
        long lastSeen;
        String description = "";
    }

    private final FrameCodec codec;
    private final Clock clock;
    // guarded by this
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Set<Connection>> watchers = new HashMap<>();
    private final Map<Connection, Set<String>> watching = new HashMap<>();

    PresenceHub(FrameCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void signedIn(String user, Connection c) {
        Outbound.Encoded frame;
        Set<Connection> to;
        synchronized (this) {
            State state = states.computeIfAbsent(user, u -> new State());
            if (++state.sessions != 1) {
                return;
            }
            frame = encode(user, state);
            to = Set.copyOf(watchers.getOrDefault(user, Set.of()));
        }
        to.forEach(w -> w.send(frame));
    }

    @Override
    public void disconnected(String user, Connection c, boolean wasSignedIn) {
        Outbound.Encoded frame = null;
        Set<Connection> to = Set.of();
        synchronized (this) {
            for (String watched : watching.getOrDefault(c, Set.of())) {
                Set<Connection> set = watchers.get(watched);
                if (set != null && set.remove(c) && set.isEmpty()) {
                    watchers.remove(watched);
                }
            }
            watching.remove(c);
            State state = states.get(user);
            if (wasSignedIn && state != null && --state.sessions == 0) {
                state.lastSeen = clock.millis();
                frame = encode(user, state);
                to = Set.copyOf(watchers.getOrDefault(user, Set.of()));
            }
        }
        for (Connection w : to) {
            w.send(frame);
        }
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
        List<Outbound.Encoded> now = new java.util.ArrayList<>(users.size());
        synchronized (this) {
            Set<String> mine = watching.computeIfAbsent(c, k -> new HashSet<>());
            if (mine.size() + users.size() > MAX_WATCHED && !mine.containsAll(users)) {
                c.send(Frame.Error.of(ErrorCode.LIMIT_REACHED, "a session watches at most " + MAX_WATCHED + " users"));
                return;
            }
            for (String user : users) {
                mine.add(user);
                watchers.computeIfAbsent(user, u -> new HashSet<>()).add(c);
                now.add(encode(user, states.getOrDefault(user, new State())));
            }
        }
        now.forEach(c::send);
    }

    /** {@code publishPresence}: a new status line for the user's watchers (and the user's own sessions do not care). */
    void publish(Connection c, Frame.PublishPresence publish) {
        Outbound.Encoded frame;
        Set<Connection> to;
        synchronized (this) {
            State state = states.computeIfAbsent(c.user(), u -> new State());
            if (state.description.equals(publish.description())) {
                return;
            }
            state.description = publish.description();
            frame = encode(c.user(), state);
            to = Set.copyOf(watchers.getOrDefault(c.user(), Set.of()));
        }
        to.forEach(w -> w.send(frame));
    }

    private Outbound.Encoded encode(String user, State state) {
        boolean online = state.sessions > 0;
        return Outbound.Encoded.of(codec.encode(new Frame.Presence(user,
                online ? Frame.Presence.ONLINE : Frame.Presence.OFFLINE, online ? 0 : state.lastSeen,
                state.description)));
    }
}
