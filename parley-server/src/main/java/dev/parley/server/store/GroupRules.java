package dev.parley.server.store;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.GroupRecord.Role;
import java.util.Map;
import java.util.Optional;

/** Who may change a group, the same for every store: the answer is a refusal with the protocol's error code. */
final class GroupRules {
    private GroupRules() {
    }

    /**
     * Refuses a change by {@code by} unless the group exists (605), {@code by} is a member (602) and, when
     * {@code manage}, the owner or an admin (603).
     *
     * @param roles the group's members (empty when there is no such group)
     */
    static Optional<Write.Refused> check(long groupId, Map<String, Role> roles, String by, boolean manage) {
        if (roles.isEmpty()) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_NOT_FOUND, "no such group: " + groupId));
        }
        Role role = roles.get(by);
        if (role == null) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + groupId));
        }
        if (manage && !role.manages()) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_PERMISSION_DENIED,
                    "only the owner or an admin can do this"));
        }
        return Optional.empty();
    }

    /** Refuses the owner's destroying unless {@code by} is the owner (after {@link #check}). */
    static Optional<Write.Refused> checkDestroy(Map<String, Role> roles, String by) {
        return roles.get(by) == Role.OWNER ? Optional.empty() : Optional.of(new Write.Refused(
                ErrorCode.GROUP_PERMISSION_DENIED, "only the owner can destroy the group"));
    }

    /** The whole check of a removal: {@code by} removes {@code user}, or leaves when they are the same. */
    static Optional<Write.Refused> checkRemove(long groupId, Map<String, Role> roles, String by, String user) {
        boolean leaving = user.equals(by);
        Optional<Write.Refused> refused = check(groupId, roles, by, !leaving);
        if (refused.isPresent()) {
            return refused;
        }
        Role role = roles.get(user);
        if (role == null) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, user + " is not a member of the group"));
        }
        if (role == Role.OWNER) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_PERMISSION_DENIED,
                    "the owner cannot leave or be removed: destroy the group instead"));
        }
        if (!leaving && role == Role.ADMIN && roles.get(by) != Role.OWNER) {
            return Optional.of(new Write.Refused(ErrorCode.GROUP_PERMISSION_DENIED,
                    "only the owner can remove an admin"));
        }
        return Optional.empty();
    }

    /** Refuses a group of more than {@code maxUsers}. */
    static Optional<Write.Refused> checkSize(int members, int maxUsers) {
        return members > maxUsers ? Optional.of(new Write.Refused(ErrorCode.GROUP_FULL,
                "the group would have more than " + maxUsers + " members")) : Optional.empty();
    }
}
