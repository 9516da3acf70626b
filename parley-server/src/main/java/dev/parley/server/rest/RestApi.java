package dev.parley.server.rest;

import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.AppKey;
import dev.parley.server.UserIds;
import dev.parley.server.account.Accounts;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.rest.Exchange.HttpError;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.UserRecord;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * The REST API of PROTOCOL.md under {@code /{org}/{app}}: registration, the token grants, the conversation list and
 * history. Errors are {@code {"error","error_description","timestamp"}} with Agora's error names. The token grants
 * and registration are rate-limited per remote address (429 {@code reach_limit}); JSON bodies must be
 * {@code application/json} (415 otherwise), at most {@value #MAX_BODY} bytes (413), complete within the body timeout
 * (408).
 * <p>
 * Threading: {@link #service} runs on the selector thread and only routes, checks tokens and limits (cheap, no I/O);
 * the response is suspended at once. Bodies are read without a thread ({@link BodyReader}); store reads run on the
 * REST executor and password hashing on the accounts' executor, both bounded: when full the answer is 503
 * {@code service_unavailable} (see {@link Exchange}).
 */
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
    private static final RequestExecutorProvider SAME_THREAD = new RequestExecutorProvider.SameThreadProvider();

    /** Largest accepted request body. */
    static final int MAX_BODY = 64 * 1024;
    /** Largest history page. */
    static final int MAX_PAGE = 50;

    private final AppKey appKey;
    private final BearerAuth auth;
    private final MessageStore store;
    private final Accounts accounts;
    private final boolean openRegistration;
    private final RateLimiter logins;
    private final RateLimiter registrations;
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final Duration bodyTimeout;

    /**
     * @param logins        the token grants each remote address may ask for ({@code 429 reach_limit} beyond)
     * @param registrations the registrations each remote address may ask for ({@code 429 reach_limit} beyond)
     * @param executor      runs the store reads of the GET endpoints; bounded, throws
     *                      {@link java.util.concurrent.RejectedExecutionException} when full
     * @param timers        runs the body deadlines
     * @param bodyTimeout   how long a body may take to arrive after its headers
     */
    public RestApi(AppKey appKey, TokenVerifier verifier, MessageStore store, Accounts accounts,
                   boolean openRegistration, RateLimiter logins, RateLimiter registrations, Executor executor,
                   ScheduledExecutorService timers, Duration bodyTimeout) {
        this.appKey = appKey;
        this.auth = new BearerAuth(verifier);
        this.store = store;
        this.accounts = accounts;
        this.openRegistration = openRegistration;
        this.logins = logins;
        this.registrations = registrations;
        this.executor = executor;
        this.timers = timers;
        this.bodyTimeout = bodyTimeout;
    }

    /** Service runs on the selector thread: it never blocks, it hands the work on (see the class comment). */
    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return SAME_THREAD;
    }

    @Override
    public void service(Request request, Response response) {
        Exchange exchange = new Exchange(request, response);
        try {
            route(exchange);
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
    }

    private void route(Exchange exchange) {
        Request request = exchange.request();
        List<String> path = segments(request.getRequestURI());
        if (path.size() == 1 && path.getFirst().equals("health") && request.getMethod() == Method.GET) {
            exchange.json(200, JSON.createObjectBuilder().add("status", "ok").build());
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
            register(exchange);
        } else if (rest.equals(List.of("token")) && method == Method.POST) {
            token(exchange);
        } else if (rest.size() == 2 && rest.get(0).equals("users") && method == Method.GET) {
            auth.anyUser(request);
            String name = UserIds.normalize(rest.get(1)).orElseThrow(() -> noSuchUser(rest.get(1)));
            exchange.run(executor, () -> user(exchange, name));
        } else if (rest.size() == 3 && rest.get(0).equals("users") && rest.get(2).equals("conversations")
                && method == Method.GET) {
            String user = auth.pathUser(request, rest.get(1));
            int limit = limit(request);
            exchange.run(executor, () -> conversations(exchange, user, limit));
        } else if (rest.size() == 3 && rest.get(0).equals("users") && rest.get(2).equals("messages")
                && method == Method.GET) {
            String user = auth.pathUser(request, rest.get(1));
            String peer = UserIds.normalize(Optional.ofNullable(request.getParameter("peer")).orElse(""))
                    .orElseThrow(() -> new HttpError(400, "illegal_argument", "peer must be a user id"));
            Optional<Long> before = Optional.ofNullable(request.getParameter("before")).filter(s -> !s.isEmpty())
                    .map(RestApi::messageId);
            int limit = limit(request);
            exchange.run(executor, () -> history(exchange, user, peer, before, limit));
        } else {
            throw new HttpError(404, "not_found", "no such resource: " + method + " " + request.getRequestURI());
        }
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    private void register(Exchange exchange) {
        Request request = exchange.request();
        limit(registrations, request, "registrations");
        if (!openRegistration) {
            auth.app(request);
        }
        withJsonBody(exchange, body -> accounts.register(text(body, "username"), text(body, "password"),
                optionalText(body, "nickname").orElse("")).whenComplete((user, failure) -> {
                    if (failure != null) {
                        exchange.fail(failure);
                    } else {
                        exchange.json(200, registered(user));
                    }
                }));
    }

    private static JsonObject registered(UserRecord user) {
        return JSON.createObjectBuilder()
                .add("entities", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("username", user.username())
                        .add("nickname", user.nickname())
                        .add("created", user.created())))
                .build();
    }

    private void token(Exchange exchange) {
        Request request = exchange.request();
        limit(logins, request, "logins");
        String address = address(request);
        withJsonBody(exchange, body -> {
            Optional<Duration> ttl = body.get("ttl") instanceof JsonNumber n
                    ? Optional.of(Duration.ofSeconds(n.longValue())) : Optional.empty();
            String grantType = text(body, "grant_type");
            switch (grantType) {
                case "password" -> accounts.passwordGrant(text(body, "username"), text(body, "password"), ttl,
                        address).whenComplete((grant, failure) -> {
                            if (failure != null) {
                                exchange.fail(failure);
                            } else {
                                exchange.json(200, granted(grant));
                            }
                        });
                case "client_credentials" -> exchange.json(200, granted(
                        accounts.appGrant(text(body, "client_id"), text(body, "client_secret"), ttl)));
                default -> throw new HttpError(400, "illegal_argument", "unsupported grant_type: " + grantType);
            }
        });
    }

    private static JsonObject granted(Accounts.Grant grant) {
        JsonObjectBuilder answer = JSON.createObjectBuilder()
                .add("access_token", grant.token())
                .add("expires_in", grant.lifetime().toSeconds());
        if (!grant.user().isEmpty()) {
            answer.add("user", JSON.createObjectBuilder().add("username", grant.user()));
        }
        return answer.build();
    }

    /** A user's public profile (protocol v2's shape), for any signed-in user of the app. */
    private void user(Exchange exchange, String name) {
        UserRecord user = store.findUser(name).orElseThrow(() -> noSuchUser(name));
        exchange.json(200, JSON.createObjectBuilder()
                .add("username", user.username())
                .add("nickname", user.nickname())
                .add("created", user.created())
                .build());
    }

    /** Agora's answer for a user that does not exist. */
    private static HttpError noSuchUser(String name) {
        return new HttpError(404, "service_resource_not_found", "no such user: " + name);
    }

    private void conversations(Exchange exchange, String user, int limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (MessageStore.ConversationSummary c : store.conversations(user, limit)) {
            list.add(JSON.createObjectBuilder()
                    .add("peer", c.peer())
                    .add("lastMessage", message(c.lastMessage()))
                    .add("unreadCount", c.unreadCount()));
        }
        exchange.json(200, list.build());
    }

    private void history(Exchange exchange, String user, String peer, Optional<Long> before, int limit) {
        List<StoredMessage> page = store.history(user, peer, before, limit + 1);
        boolean isLast = page.size() <= limit;
        List<StoredMessage> shown = isLast ? page : page.subList(0, limit);
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        shown.forEach(m -> messages.add(message(m)));
        JsonObjectBuilder answer = JSON.createObjectBuilder().add("messages", messages).add("isLast", isLast);
        if (!isLast) {
            answer.add("cursor", Long.toString(shown.getLast().id()));
        }
        exchange.json(200, answer.build());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String address(Request request) {
        return Optional.ofNullable(request.getRemoteAddr()).orElse("");
    }

    /** Answers 429 {@code reach_limit} when the request's remote address is over this limit. */
    private static void limit(RateLimiter limiter, Request request, String what) {
        if (!limiter.tryAcquire(address(request), System.nanoTime())) {
            throw new HttpError(429, "reach_limit", "too many " + what + " from your address, try again later");
        }
    }

    /**
     * Checks that the body is JSON ({@code application/json}, charset UTF-8 if one is named), reads it without a
     * thread, parses it, and hands the object to {@code handler}; whatever the handler throws is answered.
     */
    private void withJsonBody(Exchange exchange, Consumer<JsonObject> handler) {
        requireJson(exchange.request());
        BodyReader.read(exchange, timers, bodyTimeout, bytes -> {
            try {
                handler.accept(parse(bytes));
            } catch (RuntimeException e) {
                exchange.fail(e);
            }
        });
    }

    /**
     * 415 unless the request says its body is {@code application/json}: a browser sends {@code text/plain} and form
     * bodies cross-origin without asking first, {@code application/json} only after a CORS preflight this server never
     * grants.
     */
    static void requireJson(Request request) {
        String header = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        String[] parts = header.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw new HttpError(415, "unsupported_media_type",
                    "the body must be JSON, sent with Content-Type: application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length > 1 ? param[1].trim().replace("\"", "") : "";
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw new HttpError(415, "unsupported_media_type", "JSON bodies must be UTF-8");
                }
            }
        }
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

    private static JsonObject parse(byte[] bytes) {
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
}
