package dev.parley.server.rest;

import dev.parley.server.UserIds;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.UserRecord;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one user may read: {@code GET /{org}/{app}/users/{user}} (the profile, for any signed-in user of the app), and
 * with that user's own token (or the app's) {@code …/conversations} and {@code …/messages?peer=&before=&limit=}.
 * Runs on the REST executor: the store reads block.
 */
@Path("{org}/{app}/users/{user}")
public final class UserResource {
    private static final JsonProvider JSON = JsonBodies.JSON;
    /** Largest history page and conversation list. */
    static final int MAX_PAGE = 50;

    private final MessageStore store;
    private final BearerAuth auth;

    UserResource(MessageStore store, BearerAuth auth) {
        this.store = store;
        this.auth = auth;
    }

    /** A user's public profile (protocol v2's shape), for any signed-in user of the app. */
    @GET
    public Response profile(@HeaderParam("Authorization") String authorization, @PathParam("user") String name) {
        auth.anyUser(authorization);
        String id = UserIds.normalize(name).orElseThrow(() -> noSuchUser(name));
        UserRecord user = store.findUser(id).orElseThrow(() -> noSuchUser(id));
        return Answers.json(JSON.createObjectBuilder()
                .add("username", user.username())
                .add("nickname", user.nickname())
                .add("created", user.created())
                .build());
    }

    /** Agora's answer for a user that does not exist. */
    private static HttpError noSuchUser(String name) {
        return new HttpError(404, "service_resource_not_found", "no such user: " + name);
    }

    @GET
    @Path("conversations")
    public Response conversations(@HeaderParam("Authorization") String authorization,
                                  @PathParam("user") String pathUser, @QueryParam("limit") String limitText) {
        String user = auth.pathUser(authorization, pathUser);
        int limit = limit(limitText);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (MessageStore.ConversationSummary c : store.conversations(user, limit)) {
            list.add(JSON.createObjectBuilder()
                    .add("peer", c.peer())
                    .add("lastMessage", message(c.lastMessage()))
                    .add("unreadCount", c.unreadCount()));
        }
        return Answers.json(list.build());
    }

    @GET
    @Path("messages")
    public Response history(@HeaderParam("Authorization") String authorization, @PathParam("user") String pathUser,
                            @QueryParam("peer") String peerText, @QueryParam("before") String beforeText,
                            @QueryParam("limit") String limitText) {
        String user = auth.pathUser(authorization, pathUser);
        String peer = UserIds.normalize(Optional.ofNullable(peerText).orElse(""))
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "peer must be a user id"));
        Optional<Long> before = Optional.ofNullable(beforeText).filter(s -> !s.isEmpty()).map(UserResource::messageId);
        int limit = limit(limitText);
        List<StoredMessage> page = store.history(user, peer, before, limit + 1);
        boolean isLast = page.size() <= limit;
        List<StoredMessage> shown = isLast ? page : page.subList(0, limit);
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        shown.forEach(m -> messages.add(message(m)));
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("messages", messages).add("isLast", isLast);
        if (!isLast) {
            answer.add("cursor", Long.toString(shown.getLast().id()));
        }
        return Answers.json(answer.build());
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

    private static long messageId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HttpError(400, "illegal_argument", "before must be a message id");
        }
    }

    /** A message in the shape of the WebSocket {@code message} frame. */
    static JsonObject message(StoredMessage m) {
        JsonValue ext;
        try (JsonReader reader = JSON.createReader(new StringReader(m.ext().isEmpty() ? "{}" : m.ext()))) {
            ext = reader.readValue();
        }
        return JSON.createObjectBuilder()
                .add("id", Long.toString(m.id()))
                .add("from", m.sender())
                .add("to", m.recipient())
                .add("chatType", "singleChat")
                .add("msgType", "txt")
                .add("msg", m.body())
                .add("time", m.time())
                .add("ext", ext)
                .add("status", m.state().name().toLowerCase(Locale.ROOT))
                .build();
    }
}
