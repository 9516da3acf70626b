package dev.parley.server.store;

import java.util.List;

/**
 * A group as the store holds it.
 *
 * @param id      the group id (a decimal string on the wire)
 * @param members every member with their role, the owner first, then by the time they joined
 */
public record GroupRecord(long id, String name, String description, String owner, int maxUsers, long created,
                          List<Member> members) {
    public GroupRecord {
        members = List.copyOf(members);
    }

    /** A member of a group. */
    public record Member(String user, Role role) {
    }

    /** What a member may do: admins and the owner manage members; only the owner destroys the group. */
    public enum Role {
        MEMBER, ADMIN, OWNER;

        /** The code in the store. */
        int code() {
            return ordinal();
        }

        static Role of(int code) {
            return values()[code];
        }

        public boolean manages() {
            return this != MEMBER;
        }
    }

    /** The member's role, if {@code user} is a member. */
    public java.util.Optional<Role> roleOf(String user) {
        return members.stream().filter(m -> m.user().equals(user)).map(Member::role).findFirst();
    }
}
