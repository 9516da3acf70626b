package dev.parley.desktop.groups;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group as its members panel shows it.
 *
 * @param id      the group ID
 * @param name    the group's name
 * @param members every member with their role: the owner first, then admins, then members by display name
 */
public record GroupDetails(String id, String name, List<Member> members) {
    /** Checks that no component is null; copies the list. */
    public GroupDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    /** The role of {@code userId}, if they are a member. */
    public Optional<GroupRole> roleOf(String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).map(Member::role).findFirst();
    }
}
