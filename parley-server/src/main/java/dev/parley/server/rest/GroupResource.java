package dev.parley.server.rest;

import dev.parley.server.UserIds;
import dev.parley.server.session.ChatSessions;
import dev.parley.server.store.GroupChange;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.GroupRecord;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.Write;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups (PROTOCOL.md v2, Agora's {@code chatgroups}): create, read, rename, destroy, add members, remove a member or
 * leave, all with a user token. The store checks roles and sizes in the transaction that makes the change; each change
 * is delivered to the members' sessions as {@code groupEvent}s once committed (and kept for those offline). Refusals
 * are Agora's HTTP errors with the protocol's number as {@code code}: 602 and 603 and 604 are 403, 605 is 404.
 * <p>
 * Runs on the REST executor: the store's reads and the wait for a commit block it.
 */
@Path("{org}/{app}/chatgroups")
public final class GroupResource {
    private static final JsonProvider JSON = JsonBodies.JSON;
    /** The size of a group when its creator names none. */
    static final int DEFAULT_MAX_USERS = 200;
    /** The largest group. */
    static final int MAX_USERS = 2_000;
    private static final int MAX_NAME = 128;
    private static final int MAX_DESCRIPTION = 512;

    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final ChatSessions sessions;
    private final BearerAuth auth;

    GroupResource(MessageStore store, GroupCommitWriter writer, ChatSessions sessions, BearerAuth auth) {
        this.store = store;
        this.writer = writer;
        this.sessions = sessions;
        this.auth = auth;
    }

    @POST
    @RequireJson.JsonBody
    public Response create(@HeaderParam("Authorization") String authorization, JsonObject body) {
        String owner = auth.user(authorization);
        String name = text(body, "groupname", MAX_NAME);
        if (name.isBlank()) {
            throw new HttpError(400, "illegal_argument", "groupname is required");
        }
        int maxUsers = body.containsKey("maxusers") ? body.getInt("maxusers", -1) : DEFAULT_MAX_USERS;
        if (maxUsers < 2 || maxUsers > MAX_USERS) {
            throw new HttpError(400, "illegal_argument", "maxusers must be 2-" + MAX_USERS);
        }
        Write.Changed changed = change(new GroupChange.Create(owner, name, text(body, "description", MAX_DESCRIPTION),
                maxUsers, users(body, "members")));
        return Answers.json(JSON.createObjectBuilder().add("data", JSON.createObjectBuilder()
                .add("groupid", Long.toString(changed.groupId()))).build());
    }

    @GET
    @Path("{id}")
    public Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        String user = auth.user(authorization);
        GroupRecord group = store.findGroup(groupId(id)).orElseThrow(() -> HttpError.refused(
                dev.parley.protocol.ErrorCode.GROUP_NOT_FOUND, "no such group: " + id));
        if (group.roleOf(user).isEmpty()) {
            throw HttpError.refused(dev.parley.protocol.ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + id);
        }
        return Answers.json(JSON.createObjectBuilder().add("data", describe(group)).build());
    }

    @PUT
    @Path("{id}")
    @RequireJson.JsonBody
    public Response update(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
                           JsonObject body) {
        String user = auth.user(authorization);
        change(new GroupChange.Update(groupId(id), user, text(body, "groupname", MAX_NAME),
                text(body, "description", MAX_DESCRIPTION)));
        return done(id);
    }

    @DELETE
    @Path("{id}")
    public Response destroy(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        change(new GroupChange.Destroy(groupId(id), auth.user(authorization)));
        return done(id);
    }

    @POST
    @Path("{id}/users")
    @RequireJson.JsonBody
    public Response addMembers(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
                               JsonObject body) {
        List<String> users = users(body, "usernames");
        if (users.isEmpty()) {
            throw new HttpError(400, "illegal_argument", "usernames must name at least one user");
        }
        change(new GroupChange.AddMembers(groupId(id), auth.user(authorization), users));
        return done(id);
    }

    @DELETE
    @Path("{id}/users/{user}")
    public Response removeMember(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
                                 @PathParam("user") String member) {
        String removed = UserIds.normalize(member)
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "invalid user id"));
        change(new GroupChange.RemoveMember(groupId(id), auth.user(authorization), removed));
        return done(id);
    }

    /** A group as {@code GET …/chatgroups/{id}} answers it. */
    static JsonObject describe(GroupRecord group) {
        JsonArrayBuilder admins = JSON.createArrayBuilder();
        JsonArrayBuilder members = JSON.createArrayBuilder();
        for (GroupRecord.Member m : group.members()) {
            members.add(m.user());
            if (m.role() == GroupRecord.Role.ADMIN) {
                admins.add(m.user());
            }
        }
        return JSON.createObjectBuilder()
                .add("id", Long.toString(group.id()))
                .add("name", group.name())
                .add("description", group.description())
                .add("owner", group.owner())
                .add("admins", admins)
                .add("members", members)
                .add("maxusers", group.maxUsers())
                .add("created", group.created())
                .build();
    }

    /** Commits the change and delivers its events; a refusal is its HTTP error. */
    private Write.Changed change(GroupChange change) {
        Write.ChangeOutcome outcome = writer.submit(new Write.ChangeGroup(change)).join();
        return switch (outcome) {
            case Write.Refused refused -> throw HttpError.refused(refused.code(), refused.reason());
            case Write.Changed changed -> {
                sessions.publish(changed.notices());
                yield changed;
            }
        };
    }

    private static Response done(String id) {
        return Answers.json(JSON.createObjectBuilder().add("data", JSON.createObjectBuilder()
                .add("groupid", id).add("result", true)).build());
    }

    static long groupId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw HttpError.refused(dev.parley.protocol.ErrorCode.GROUP_INVALID_ID, "invalid group id: " + id);
    }

    private static String text(JsonObject body, String field, int max) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        if (!(value instanceof JsonString s) || s.getString().length() > max) {
            throw new HttpError(400, "illegal_argument", field + " must be text of at most " + max + " characters");
        }
        return s.getString().strip();
    }

    private static List<String> users(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_USERS) {
            throw new HttpError(400, "illegal_argument", field + " must be a list of at most " + MAX_USERS
                    + " user ids");
        }
        List<String> users = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new HttpError(400, "illegal_argument", field + " must hold user ids");
            }
            users.add(UserIds.normalize(s.getString()).orElseThrow(() -> new HttpError(400, "illegal_argument",
                    "invalid user id in " + field)));
        }
        return users;
    }
}
