package dev.parley.desktop.groups;

import java.util.Locale;

/** A member's role in a group, as the server reports it; the order is the member list's (owner first). */
public enum GroupRole {
    /** Created the group; may rename it, add and remove anyone, and delete it; cannot leave. */
    OWNER,
    /** May rename the group and add and remove members (not the owner, nor other admins). */
    ADMIN,
    /** May send, read and leave. */
    MEMBER;

    /** Whether this role may rename the group and add and remove members. */
    public boolean manages() {
        return this != MEMBER;
    }

    /** The role as the member list shows it: "owner", "admin", "member". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
