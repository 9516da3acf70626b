package dev.parley.client;

import java.util.Objects;

/**
 * A group this user is in, as {@link GroupManager#getJoinedGroups()} lists it.
 *
 * @param id   the group id
 * @param name the group's name
 */
public record GroupSummary(String id, String name) {
    /** Checks that no component is null. */
    public GroupSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
