package dev.parley.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The presence of a user this client subscribed to ({@link PresenceManager#subscribePresence}), now or after a change
 * ({@link ChatEventHandler#onPresenceStatusChange}).
 *
 * @param user           the user
 * @param online         whether they have a session open now
 * @param lastSeenMillis when they were last online (epoch milliseconds) if they are offline, 0 if online or unknown
 * @param description    their custom status line ({@link PresenceManager#publishPresence}), {@code ""} when none
 */
public record PresenceEvent(String user, boolean online, long lastSeenMillis, String description) {
    /** Checks that no component is null. */
    public PresenceEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(description, "description");
    }

    /** When an offline user was last online, if the server said. */
    public Optional<Instant> lastSeen() {
        return online || lastSeenMillis <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSeenMillis));
    }
}
