package dev.parley.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something happened to a group this user is (or was) in ({@link ChatEventHandler#onGroupEvent}).
 *
 * @param groupId the group
 * @param kind    what happened
 * @param member  the member added or removed, {@code ""} for other kinds
 * @param by      who did it (for {@link Kind#MEMBER_REMOVED}: the member themself when they left)
 * @param time    when it happened (the server's clock; {@link Instant#EPOCH} if the server did not say)
 */
public record GroupEvent(String groupId, Kind kind, String member, String by, Instant time) {
    /** What happened to the group. */
    public enum Kind {
        /** The group was created with this user in it. */
        CREATED("created"),
        /** {@code member} joined or was added. */
        MEMBER_ADDED("memberAdded"),
        /** {@code member} left or was removed (this user, when it is them: the conversation ends). */
        MEMBER_REMOVED("memberRemoved"),
        /** The group's name or description changed ({@link GroupManager#getGroupInfo} has the new ones). */
        UPDATED("updated"),
        /** The group was destroyed. */
        DESTROYED("destroyed");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The event's name on the wire, such as {@code memberAdded}. */
        public String wire() {
            return wire;
        }

        static Optional<Kind> ofWire(String name) {
            for (Kind kind : values()) {
                if (kind.wire.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks that no component is null. */
    public GroupEvent {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(time, "time");
    }
}
