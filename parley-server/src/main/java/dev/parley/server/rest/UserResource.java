package dev.parley.server.rest;

import dev.parley.protocol.ChatType;
import dev.parley.server.UserIds;
import dev.parley.server.account.Accounts;
import dev.parley.server.blob.Blob;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.blob.NewBlob;
import dev.parley.server.session.ChatSessions;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.GroupRecord;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.SearchQuery;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.UserRecord;
import dev.parley.server.store.Write;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * What one user may read and change: {@code GET /{org}/{app}/users/{user}} (the profile, for any signed-in user of the
 * app) and, with that user's own token (reads: or the app's), {@code PUT} (the nickname), {@code …/avatar} (any
 * signed-in user reads it, the user puts an image), {@code …/conversations}, {@code …/messages?chatType=&peer=&before=|after=&limit=},
 * {@code …/messages/search?q=&chatType=&peer=&limit=} and {@code …/joined_chatgroups}. Messages are written by
 * {@link ChatSessions#messageJson}, the same mapping as the WebSocket's.
 * <p>
 * Runs on the REST executor (the avatar's upload on the upload executor): the store reads block.
 */
@Path("{org}/{app}/users/{user}")
public final class UserResource {
    private static final JsonProvider JSON = JsonBodies.JSON;
    /** Largest history page and conversation list. */
    static final int MAX_PAGE = 50;

    private final MessageStore store;
    private final BearerAuth auth;
    private final ChatSessions sessions;
    private final GroupCommitWriter writer;
    private final BlobStore blobs;
    private final long maxAvatar;
    /** The REST base of this app ({@code http://host:port/org/app}), known once the server listens. */
    private final Supplier<String> appUrl;

    UserResource(MessageStore store, BearerAuth auth, ChatSessions sessions, GroupCommitWriter writer,
                 BlobStore blobs, long maxAvatar, Supplier<String> appUrl) {
        this.appUrl = appUrl;
        this.store = store;
        this.auth = auth;
        this.sessions = sessions;
        this.writer = writer;
        this.blobs = blobs;
        this.maxAvatar = maxAvatar;
    }

    /** A user's public profile, for any signed-in user of the app. */
    @GET
    public Response profile(@HeaderParam("Authorization") String authorization, @PathParam("user") String name) {
        auth.anyUser(authorization);
        return Answers.json(profileJson(existing(name)));
    }

    /** The user's own nickname (1–64 characters, no control or text-direction characters). */
    @PUT
    @RequireJson.JsonBody
    public Response rename(@HeaderParam("Authorization") String authorization, @PathParam("user") String name,
                           JsonObject body) {
        String user = own(authorization, name);
        if (!(body.get("nickname") instanceof JsonString nickname)) {
            throw new HttpError(400, "illegal_argument", "nickname is required");
        }
        Accounts.nicknameProblem(nickname.getString()).ifPresent(problem -> {
            throw new HttpError(400, "illegal_argument", problem);
        });
        return Answers.json(profileJson(update(new Write.UpdateProfile(user, Optional.of(nickname.getString()),
                Optional.empty()))));
    }

    /** The user's avatar, for any signed-in user of the app; 404 when they have none. */
    @GET
    @Path("avatar")
    public Response avatar(@HeaderParam("Authorization") String authorization, @PathParam("user") String name) {
        auth.anyUser(authorization);
        UserRecord user = existing(name);
        Optional<Blob> blob = user.avatar().isEmpty() ? Optional.empty() : blobs.find(user.avatar());
        Blob avatar = blob.orElseThrow(() -> new HttpError(404, "service_resource_not_found", "no avatar"));
        return FileResource.stream(blobs.open(avatar.uuid(), avatar.secret()));
    }

    /** The user's new avatar: an image (PNG, JPEG, GIF or WebP) as the body, at most the avatar limit. */
    @PUT
    @Path("avatar")
    public Response putAvatar(@HeaderParam("Authorization") String authorization, @PathParam("user") String name,
                              @Context ContainerRequest request) {
        String user = own(authorization, name);
        Blob blob = blobs.store(new NewBlob(user, "avatar", "image/*"), request.getEntityStream(), maxAvatar);
        if (!blob.isImage()) {
            blobs.deleteAll(List.of(blob.uuid()));
            throw new HttpError(400, "illegal_argument", "an avatar must be a PNG, JPEG, GIF or WebP image");
        }
        blobs.markReferenced(List.of(blob.uuid()));
        Write.ProfileUpdated updated = writer.submit(new Write.UpdateProfile(user, Optional.empty(),
                Optional.of(blob.uuid()))).join();
        if (!updated.previousAvatar().isEmpty()) {
            blobs.deleteAll(List.of(updated.previousAvatar()));
        }
        return Answers.json(profileJson(updated.user().orElseThrow(() -> noSuchUser(user))));
    }

    @GET
    @Path("conversations")
    public Response conversations(@HeaderParam("Authorization") String authorization,
                                  @PathParam("user") String pathUser, @QueryParam("limit") String limitText) {
        String user = auth.pathUser(authorization, pathUser);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (MessageStore.ConversationSummary c : store.conversations(user, limit(limitText))) {
            boolean group = c.chatType() == ChatType.GROUP;
            String name = group ? store.findGroup(Long.parseLong(c.peer())).map(GroupRecord::name).orElse(c.peer())
                    : store.findUser(c.peer()).map(UserRecord::nickname).filter(n -> !n.isEmpty()).orElse(c.peer());
            JsonObjectBuilder item = JSON.createObjectBuilder()
                    .add("chatType", c.chatType().wire())
                    .add("id", c.peer())
                    .add("name", name)
                    .add("lastMessage", message(c.lastMessage()))
                    .add("unreadCount", c.unreadCount());
            if (!group) {
                item.add("peer", c.peer());
            }
            list.add(item);
        }
        return Answers.json(list.build());
    }

    /**
     * One page of a conversation's history: with {@code before} (or neither), the messages older than that id, newest
     * first, and a cursor to pass as {@code before} for the next, older page; with {@code after}, the messages newer
     * than that id, oldest first, and a cursor to pass as {@code after} for the next, newer page. Not both.
     */
    @GET
    @Path("messages")
    public Response history(@HeaderParam("Authorization") String authorization, @PathParam("user") String pathUser,
                            @QueryParam("chatType") String chatType, @QueryParam("peer") String peerText,
                            @QueryParam("before") String beforeText, @QueryParam("after") String afterText,
                            @QueryParam("limit") String limitText) {
        String user = auth.pathUser(authorization, pathUser);
        MessageStore.ConversationRef conversation = conversation(user, chatType, peerText)
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "peer is required"));
        Optional<Long> before = messageId("before", beforeText);
        Optional<Long> after = messageId("after", afterText);
        if (before.isPresent() && after.isPresent()) {
            throw new HttpError(400, "illegal_argument", "give before or after, not both");
        }
        int limit = limit(limitText);
        List<StoredMessage> page = after.isPresent()
                ? store.historyAfter(user, conversation.chatType(), conversation.id(), after.get(), limit + 1)
                : store.history(user, conversation.chatType(), conversation.id(), before, limit + 1);
        boolean isLast = page.size() <= limit;
        List<StoredMessage> shown = isLast ? page : page.subList(0, limit);
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("messages", messages(shown)).add("isLast", isLast);
        if (!isLast) {
            answer.add("cursor", Long.toString(shown.getLast().id()));
        }
        return Answers.json(answer.build());
    }

    @GET
    @Path("messages/search")
    public Response search(@HeaderParam("Authorization") String authorization, @PathParam("user") String pathUser,
                           @QueryParam("q") String q, @QueryParam("chatType") String chatType,
                           @QueryParam("peer") String peer, @QueryParam("limit") String limitText) {
        String user = auth.pathUser(authorization, pathUser);
        SearchQuery query = SearchQuery.parse(q).orElseThrow(() -> new HttpError(400, "illegal_argument",
                "q must hold 1-" + SearchQuery.MAX_LENGTH + " characters of words"));
        List<StoredMessage> found = store.search(user, query, conversation(user, chatType, peer), limit(limitText));
        return Answers.json(JSON.createObjectBuilder().add("messages", messages(found)).build());
    }

    @GET
    @Path("joined_chatgroups")
    public Response joinedGroups(@HeaderParam("Authorization") String authorization,
                                 @PathParam("user") String pathUser) {
        String user = auth.pathUser(authorization, pathUser);
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        for (GroupRecord g : store.groupsOf(user)) {
            groups.add(JSON.createObjectBuilder().add("groupid", Long.toString(g.id())).add("groupname", g.name()));
        }
        return Answers.json(JSON.createObjectBuilder().add("data", groups).build());
    }

    /** The conversation named by {@code chatType} (default singleChat) and {@code peer}, if a peer is given. */
    private static Optional<MessageStore.ConversationRef> conversation(String user, String chatType, String peer) {
        if (peer == null || peer.isEmpty()) {
            return Optional.empty();
        }
        ChatType type;
        try {
            type = ChatType.ofWire(chatType == null || chatType.isEmpty() ? null : chatType);
        } catch (RuntimeException e) {
            throw new HttpError(400, "illegal_argument", "chatType must be singleChat or groupChat");
        }
        String id = type == ChatType.GROUP ? Long.toString(GroupResource.groupId(peer))
                : UserIds.normalize(peer).orElseThrow(() -> new HttpError(400, "illegal_argument",
                "peer must be a user id"));
        return Optional.of(new MessageStore.ConversationRef(type, id));
    }

    private String own(String authorization, String pathUser) {
        String user = auth.user(authorization);
        if (!UserIds.normalize(pathUser).orElse("").equals(user)) {
            throw new HttpError(403, "forbidden_op", "only the user may change their profile");
        }
        return user;
    }

    private UserRecord update(Write.UpdateProfile update) {
        return writer.submit(update).join().user().orElseThrow(() -> noSuchUser(update.user()));
    }

    private UserRecord existing(String name) {
        String id = UserIds.normalize(name).orElseThrow(() -> noSuchUser(name));
        return store.findUser(id).orElseThrow(() -> noSuchUser(id));
    }

    private JsonObject profileJson(UserRecord user) {
        JsonObjectBuilder profile = JSON.createObjectBuilder()
                .add("username", user.username())
                .add("nickname", user.nickname())
                .add("created", user.created());
        if (!user.avatar().isEmpty()) {
            profile.add("avatarUrl", appUrl.get() + "/users/" + user.username() + "/avatar");
        }
        return profile.build();
    }

    /** Agora's answer for a user that does not exist. */
    private static HttpError noSuchUser(String name) {
        return new HttpError(404, "service_resource_not_found", "no such user: " + name);
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return MAX_PAGE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new HttpError(400, "illegal_argument", "limit must be 1-" + MAX_PAGE);
    }

    /** The message id given as {@code name}, if one is given (an empty value is none). */
    private static Optional<Long> messageId(String name, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new HttpError(400, "illegal_argument", name + " must be a message id");
        }
    }

    private JsonArrayBuilder messages(List<StoredMessage> list) {
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        list.forEach(m -> messages.add(message(m)));
        return messages;
    }

    /** A message as {@link ChatSessions#messageJson} writes it. */
    private JsonValue message(StoredMessage m) {
        try (JsonReader reader = JSON.createReader(new StringReader(sessions.messageJson(m)))) {
            return reader.readValue();
        }
    }
}
