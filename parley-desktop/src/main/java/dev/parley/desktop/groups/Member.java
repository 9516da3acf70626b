package dev.parley.desktop.groups;

import java.util.Objects;

/**
 * One member of a group, with their role.
 *
 * @param person who they are
 * @param role   their role in the group
 */
public record Member(Person person, GroupRole role) {
    /** Checks that no component is null. */
    public Member {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(role, "role");
    }

    /** The member's user ID. */
    public String userId() {
        return person.userId();
    }
}
