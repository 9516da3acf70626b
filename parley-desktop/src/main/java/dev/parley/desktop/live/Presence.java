package dev.parley.desktop.live;

import dev.parley.client.PresenceEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of a user's presence: online, offline (with when they were last seen, if the server said), or not
 * known yet (no subscription answered). Immutable; any thread.
 *
 * @param state          online, offline or unknown
 * @param lastSeenMillis when an offline user was last online (epoch milliseconds), 0 when online or not known
 * @param description    their custom status line, {@code ""} when none
 */
public record Presence(State state, long lastSeenMillis, String description) {
    /** Nothing known yet. */
    public static final Presence UNKNOWN = new Presence(State.UNKNOWN, 0, "");

    /** Whether the user is online, offline, or not known. */
    public enum State { UNKNOWN, ONLINE, OFFLINE }

    /** Checks that no component is null. */
    public Presence {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
    }

    /** The presence an SDK event tells. */
    public static Presence of(PresenceEvent event) {
        return new Presence(event.online() ? State.ONLINE : State.OFFLINE, event.online() ? 0 : event.lastSeenMillis(),
                event.description());
    }

    /** Whether the user has a session open now. */
    public boolean online() {
        return state == State.ONLINE;
    }

    /** When an offline user was last online, if known. */
    public Optional<Instant> lastSeen() {
        return state == State.OFFLINE && lastSeenMillis > 0 ? Optional.of(Instant.ofEpochMilli(lastSeenMillis))
                : Optional.empty();
    }
}
