package dev.parley.server.rest;

import dev.parley.protocol.token.TokenException;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.AppKey;
import dev.parley.server.UserIds;
import dev.parley.server.account.AccountException;
import dev.parley.server.account.Accounts;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.UserRecord;
import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * The REST API of PROTOCOL.md under {@code /{org}/{app}}: registration, the token grants, the conversation list and
 * history. Errors are {@code {"error","error_description","timestamp"}} with Agora's error names. The token grants
 * and registration are rate-limited per remote address (429 {@code reach_limit}).
 * <p>
 * Threading: requests are handed to the blocking pool (see {@link #getRequestExecutorProvider}), never served on a selector
 * thread, since hashing passwords and reading the database block.
 */
public final class RestApi extends HttpHandler {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Largest accepted request body. */
    static final int MAX_BODY = 64 * 1024;
    /** Largest history page. */
    static final int MAX_PAGE = 50;

    private static final System.Logger LOG = System.getLogger(RestApi.class.getName());

    private final AppKey appKey;
    private final TokenVerifier verifier;
    private final MessageStore store;
    private final Accounts accounts;
    private final boolean openRegistration;
    private final RateLimiter logins;
    private final RateLimiter registrations;
    private final Executor executor;

    /**
     * @param logins        the token grants each remote address may ask for ({@code 429 reach_limit} beyond)
     * @param registrations the registrations each remote address may ask for ({@code 429 reach_limit} beyond)
     */
    public RestApi(AppKey appKey, TokenVerifier verifier, MessageStore store, Accounts accounts,
                   boolean openRegistration, RateLimiter logins, RateLimiter registrations, Executor executor) {
        this.appKey = appKey;
        this.verifier = verifier;
        this.store = store;
        this.accounts = accounts;
        this.openRegistration = openRegistration;
        this.logins = logins;
        this.registrations = registrations;
        this.executor = executor;
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return request -> executor;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        try {
            route(request, response);
        } catch (HttpError e) {
            error(response, e.status, e.error, e.getMessage());
        } catch (AccountException e) {
            switch (e.kind()) {
                case ILLEGAL_ARGUMENT -> error(response, 400, "illegal_argument", e.getMessage());
                case DUPLICATE -> error(response, 400, "duplicate_unique_property_exists", e.getMessage());
                case UNAUTHORIZED -> error(response, 401, "unauthorized", e.getMessage());
                case UNAVAILABLE -> error(response, 503, "service_unavailable", e.getMessage());
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.ERROR, "REST " + request.getRequestURI() + " failed", e);
            error(response, 503, "service_unavailable", "server busy, try again");
        }
    }

    private void route(Request request, Response response) throws IOException {
        List<String> path = segments(request.getRequestURI());
        if (path.size() == 1 && path.getFirst().equals("health") && request.getMethod() == Method.GET) {
            json(response, 200, JSON.createObjectBuilder().add("status", "ok").build());
            return;
        }
        if (path.size() < 3) {
            throw new HttpError(404, "not_found", "no such resource");
        }
        if (!new AppKey(path.get(0).toLowerCase(Locale.ROOT), path.get(1).toLowerCase(Locale.ROOT)).equals(appKey)) {
            throw new HttpError(404, "organization_application_not_found", "unknown org or app");
        }
        List<String> rest = path.subList(2, path.size());
        Method method = request.getMethod();
        if (rest.equals(List.of("users")) && method == Method.POST) {
            register(request, response);
        } else if (rest.equals(List.of("token")) && method == Method.POST) {
            token(request, response);
        } else if (rest.size() == 3 && rest.get(0).equals("users") && rest.get(2).equals("conversations")
                && method == Method.GET) {
            conversations(request, response, authorizedUser(request, rest.get(1)));
        } else if (rest.size() == 3 && rest.get(0).equals("users") && rest.get(2).equals("messages")
                && method == Method.GET) {
            history(request, response, authorizedUser(request, rest.get(1)));
        } else {
            throw new HttpError(404, "not_found", "no such resource: " + method + " " + request.getRequestURI());
        }
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    private void register(Request request, Response response) throws IOException {
        limit(registrations, request, "registrations");
        if (!openRegistration) {
            requireAppToken(request);
        }
        JsonObject body = body(request);
        UserRecord user = accounts.register(text(body, "username"), text(body, "password"),
                optionalText(body, "nickname").orElse(""));
        json(response, 200, JSON.createObjectBuilder()
                .add("entities", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("username", user.username())
                        .add("nickname", user.nickname())
                        .add("created", user.created())))
                .build());
    }

    private void token(Request request, Response response) throws IOException {
        limit(logins, request, "logins");
        JsonObject body = body(request);
        Optional<Duration> ttl = body.get("ttl") instanceof JsonNumber n
                ? Optional.of(Duration.ofSeconds(n.longValue())) : Optional.empty();
        String grantType = text(body, "grant_type");
        Accounts.Grant grant = switch (grantType) {
            case "password" -> accounts.passwordGrant(text(body, "username"), text(body, "password"), ttl);
            case "client_credentials" -> accounts.appGrant(text(body, "client_id"), text(body, "client_secret"), ttl);
            default -> throw new HttpError(400, "illegal_argument", "unsupported grant_type: " + grantType);
        };
        JsonObjectBuilder answer = JSON.createObjectBuilder()
                .add("access_token", grant.token())
                .add("expires_in", grant.lifetime().toSeconds());
        if (!grant.user().isEmpty()) {
            answer.add("user", JSON.createObjectBuilder().add("username", grant.user()));
        }
        json(response, 200, answer.build());
    }

    private void conversations(Request request, Response response, String user) throws IOException {
        int limit = limit(request);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (MessageStore.ConversationSummary c : store.conversations(user, limit)) {
            list.add(JSON.createObjectBuilder()
                    .add("peer", c.peer())
                    .add("lastMessage", message(c.lastMessage()))
                    .add("unreadCount", c.unreadCount()));
        }
        json(response, 200, list.build());
    }

    private void history(Request request, Response response, String user) throws IOException {
        String peer = UserIds.normalize(Optional.ofNullable(request.getParameter("peer")).orElse(""))
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "peer must be a user id"));
        Optional<Long> before = Optional.ofNullable(request.getParameter("before")).filter(s -> !s.isEmpty())
                .map(RestApi::messageId);
        int limit = limit(request);
        List<StoredMessage> page = store.history(user, peer, before, limit + 1);
        boolean isLast = page.size() <= limit;
        List<StoredMessage> shown = isLast ? page : page.subList(0, limit);
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        shown.forEach(m -> messages.add(message(m)));
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("messages", messages).add("isLast", isLast);
        if (!isLast) {
            answer.add("cursor", Long.toString(shown.getLast().id()));
        }
        json(response, 200, answer.build());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Answers 429 {@code reach_limit} when the request's remote address is over this limit. */
    private static void limit(RateLimiter limiter, Request request, String what) {
        String address = Optional.ofNullable(request.getRemoteAddr()).orElse("");
        if (!limiter.tryAcquire(address, System.nanoTime())) {
            throw new HttpError(429, "reach_limit", "too many " + what + " from your address, try again later");
        }
    }

    /** The user of a {@code /users/{user}/…} path, if the bearer token is that user's or the app's. */
    private String authorizedUser(Request request, String pathUser) {
        String user = UserIds.normalize(pathUser)
                .orElseThrow(() -> new HttpError(404, "not_found", "no such user"));
        String token = bearer(request);
        try {
            verifier.verifyUser(token, user);
            return user;
        } catch (TokenException userFailure) {
            try {
                verifier.verifyApp(token);
                return user;
            } catch (TokenException appFailure) {
                throw new HttpError(401, "unauthorized", userFailure.getMessage());
            }
        }
    }

    private void requireAppToken(Request request) {
        try {
            verifier.verifyApp(bearer(request));
        } catch (TokenException e) {
            throw new HttpError(401, "unauthorized", "registration needs an app token: " + e.getMessage());
        }
    }

    private static String bearer(Request request) {
        String header = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(401, "unauthorized", "missing bearer token");
        }
        return header.substring(7).trim();
    }

    private static int limit(Request request) {
        String text = request.getParameter("limit");
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

    private static JsonObject body(Request request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY) {
            throw new HttpError(413, "request_entity_too_large", "body over " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // Read exactly the declared length: a client that also asked to upgrade (the JDK's HttpClient offers h2c)
            // makes Grizzly pass the body through as a stream that does not end with the body.
            bytes = in.readNBytes(declared >= 0 ? (int) declared : MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new HttpError(413, "request_entity_too_large", "body over " + MAX_BODY + " bytes");
        }
        if (declared >= 0 && bytes.length < declared) {
            throw new HttpError(400, "json_parse", "the body is shorter than its Content-Length");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException e) {
            throw new HttpError(400, "json_parse", "the body is not valid JSON");
        }
        throw new HttpError(400, "json_parse", "the body must be a JSON object");
    }

    private static String text(JsonObject body, String field) {
        return optionalText(body, field)
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "missing field: " + field));
    }

    private static Optional<String> optionalText(JsonObject body, String field) {
        return body.get(field) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
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

    private static List<String> segments(String uri) {
        return java.util.Arrays.stream(uri.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static void json(Response response, int status, JsonValue body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void error(Response response, int status, String error, String description) throws IOException {
        json(response, status, JSON.createObjectBuilder()
                .add("error", error)
                .add("error_description", description)
                .add("timestamp", System.currentTimeMillis())
                .add("duration", 0)
                .build());
    }

    /** An answer other than 200, thrown from deep inside a handler. */
    private static final class HttpError extends RuntimeException {
        final int status;
        final String error;

        HttpError(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }
    }
}
