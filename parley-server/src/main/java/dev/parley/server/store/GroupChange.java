package dev.parley.server.store;

import java.util.List;
import java.util.Objects;

/**
 * A change to a group, applied by {@link Write.ChangeGroup}. The store checks who may do it (owner, admin, member)
 * and refuses with the protocol's group error codes; each change that is made sends a {@code groupEvent} to the
 * members (and to the user added or removed), kept for those offline.
 */
public sealed interface GroupChange {

    /** Who asks for the change. */
    String by();

    /** A new group owned by {@code by}, with {@code members} (beside the owner) who exist as users. */
    record Create(String by, String name, String description, int maxUsers, List<String> members)
            implements GroupChange {
        public Create {
            Write.requireUserId(by, "by");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            members = List.copyOf(members);
            members.forEach(m -> Write.requireUserId(m, "member"));
            if (maxUsers < 2) {
                throw new IllegalArgumentException("a group holds at least 2 users");
            }
        }
    }

    /** New name and description (owner or admin); an empty value leaves that field as it is. */
    record Update(long groupId, String by, String name, String description) implements GroupChange {
        public Update {
            Write.requireUserId(by, "by");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /** The owner destroys the group. */
    record Destroy(long groupId, String by) implements GroupChange {
        public Destroy {
            Write.requireUserId(by, "by");
        }
    }

    /** Owner or admin adds users (who exist); refused with 604 when the group would be over its size. */
    record AddMembers(long groupId, String by, List<String> users) implements GroupChange {
        public AddMembers {
            Write.requireUserId(by, "by");
            users = List.copyOf(users);
            users.forEach(u -> Write.requireUserId(u, "user"));
        }
    }

    /** Owner or admin removes a member, or a member leaves ({@code user} = {@code by}); the owner cannot leave. */
    record RemoveMember(long groupId, String by, String user) implements GroupChange {
        public RemoveMember {
            Write.requireUserId(by, "by");
            Write.requireUserId(user, "user");
        }
    }
}
