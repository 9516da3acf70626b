package dev.parley.client;

import static dev.parley.client.ChatManager.requireText;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Groups over the REST API ({@code /{org}/{app}/chatgroups}), with this user's token. Get it from
 * {@link ChatClient#groupManager()}; modelled on Agora's {@code GroupManager}. Messages to a group are sent with
 * {@link ChatMessage#withChatType} and {@link dev.parley.protocol.ChatType#GROUP}; changes to a group reach its
 * members as {@link ChatEventHandler#onGroupEvent}.
 * <p>
 * Every call fails with {@link dev.parley.protocol.ErrorCode#NOT_LOGGED_IN} (39) before the first login, and with a
 * {@link ChatRestException} when the server refuses: its {@code error} is Agora's name, its code 602 when this user is
 * not a member, 603 when they are not the owner or an admin, 604 when the group is full, 605 when there is no such
 * group (see {@link ChatRestException}). Thread-safe; futures complete on internal threads.
 */
public final class GroupManager {
    private final ChatSession session;
    private final RestApi rest;

    GroupManager(ChatSession session, RestApi rest) {
        this.session = session;
        this.rest = rest;
    }

    /**
     * Creates a group owned by this user ({@code POST …/chatgroups}).
     *
     * @param name        the group's name
     * @param description its description, {@code ""} for none
     * @param members     the users to add besides this user (may be empty)
     * @param maxUsers    how many members it may have, 0 for the server's default
     * @return the new group's id
     */
    public CompletableFuture<String> createGroup(String name, String description, List<String> members, int maxUsers) {
        requireText("name", name);
        Objects.requireNonNull(description, "description");
        List<String> users = List.copyOf(members);
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must not be negative");
        }
        JsonObjectBuilder body = RestApi.JSON.createObjectBuilder().add("groupname", name);
        if (!description.isEmpty()) {
            body.add("description", description);
        }
        if (!users.isEmpty()) {
            body.add("members", array(users));
        }
        if (maxUsers > 0) {
            body.add("maxusers", maxUsers);
        }
        String json = body.build().toString();
        return call(id -> rest.send("POST", "/chatgroups", id.token(), json, RestErrors.GROUP_ADMIN,
                JsonBodies::createdGroup));
    }

    /** Creates a group with a name and members, without a description; see {@link #createGroup(String, String, List, int)}. */
    public CompletableFuture<String> createGroup(String name, List<String> members) {
        return createGroup(name, "", members, 0);
    }

    /** A group this user is a member of ({@code GET …/chatgroups/{id}}); 602 for a group they are not in. */
    public CompletableFuture<GroupInfo> getGroupInfo(String groupId) {
        String path = group(groupId);
        return call(id -> rest.get(path, id.token(), RestErrors.GROUP_MEMBER, JsonBodies::groupInfo));
    }

    /** Renames a group (owner or admin; {@code PUT …/chatgroups/{id}}). */
    public CompletableFuture<Void> changeGroupName(String groupId, String name) {
        requireText("name", name);
        return update(groupId, RestApi.JSON.createObjectBuilder().add("groupname", name));
    }

    /** Changes a group's description (owner or admin; {@code PUT …/chatgroups/{id}}); {@code ""} clears it. */
    public CompletableFuture<Void> changeGroupDescription(String groupId, String description) {
        Objects.requireNonNull(description, "description");
        return update(groupId, RestApi.JSON.createObjectBuilder().add("description", description));
    }

    /** Destroys a group (owner only; {@code DELETE …/chatgroups/{id}}). */
    public CompletableFuture<Void> destroyGroup(String groupId) {
        String path = group(groupId);
        return call(id -> rest.send("DELETE", path, id.token(), "", RestErrors.GROUP_ADMIN, answer -> null));
    }

    /** Adds members (owner or admin; {@code POST …/chatgroups/{id}/users}); 604 when the group would be too full. */
    public CompletableFuture<Void> addUsersToGroup(String groupId, List<String> users) {
        String path = group(groupId) + "/users";
        List<String> added = List.copyOf(users);
        if (added.isEmpty()) {
            throw new IllegalArgumentException("users must not be empty");
        }
        String json = RestApi.JSON.createObjectBuilder().add("usernames", array(added)).build().toString();
        return call(id -> rest.send("POST", path, id.token(), json, RestErrors.GROUP_ADMIN, answer -> null));
    }

    /** Removes a member (owner or admin; {@code DELETE …/chatgroups/{id}/users/{user}}). */
    public CompletableFuture<Void> removeUserFromGroup(String groupId, String user) {
        requireText("user", user);
        String path = group(groupId) + "/users/" + RestApi.segment(user);
        return call(id -> rest.send("DELETE", path, id.token(), "", RestErrors.GROUP_ADMIN, answer -> null));
    }

    /** Leaves a group ({@code DELETE …/chatgroups/{id}/users/{me}}). */
    public CompletableFuture<Void> leaveGroup(String groupId) {
        String path = group(groupId) + "/users/";
        return call(id -> rest.send("DELETE", path + RestApi.segment(id.user()), id.token(), "",
                RestErrors.GROUP_MEMBER, answer -> null));
    }

    /** The groups this user is in ({@code GET …/users/{me}/joined_chatgroups}). */
    public CompletableFuture<List<GroupSummary>> getJoinedGroups() {
        return call(id -> rest.get("/users/" + RestApi.segment(id.user()) + "/joined_chatgroups", id.token(),
                RestErrors.DEFAULT, JsonBodies::joinedGroups));
    }

    private CompletableFuture<Void> update(String groupId, JsonObjectBuilder body) {
        String path = group(groupId);
        String json = body.build().toString();
        return call(id -> rest.send("PUT", path, id.token(), json, RestErrors.GROUP_ADMIN, answer -> null));
    }

    private <T> CompletableFuture<T> call(Function<Identity, CompletableFuture<T>> request) {
        return session.identity().thenCompose(request);
    }

    private static String group(String groupId) {
        requireText("groupId", groupId);
        return "/chatgroups/" + RestApi.segment(groupId);
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder array = RestApi.JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
