package dev.parley.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group as its members see it ({@link GroupManager#getGroupInfo}).
 *
 * @param id          the group id (a decimal string the server assigned)
 * @param name        the group's name
 * @param description its description, {@code ""} when none
 * @param owner       the user who owns it
 * @param admins      the admins besides the owner
 * @param members     every member, the owner and admins included
 * @param maxUsers    how many members it may have (0 if the server did not say)
 * @param created     when it was created ({@link Instant#EPOCH} if the server did not say)
 */
public record GroupInfo(String id, String name, String description, String owner, List<String> admins,
                        List<String> members, int maxUsers, Instant created) {
    /** Checks that no component is null; copies the lists. */
    public GroupInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        admins = List.copyOf(admins);
        members = List.copyOf(members);
        Objects.requireNonNull(created, "created");
    }
}
