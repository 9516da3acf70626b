package dev.parley.client;

import dev.parley.client.JsonBodies.TokenGrant;
import dev.parley.protocol.ErrorCode;
import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The REST API under {@code {apiUrl}/{org}/{app}}, through the JDK's {@link HttpClient}. Every call is asynchronous,
 * limited by the REST timeout, and fails with a {@link ChatException}: a {@link ChatRestException} when the server
 * answered with an error, {@link ErrorCode#TIMEOUT} when it did not answer in time, {@link ErrorCode#DISCONNECTED}
 * when it could not be reached. Thread-safe.
 */
final class RestApi {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    RestApi(ChatOptions options) {
        this.timeout = options.restTimeout();
        // HTTP/1.1: over cleartext, HTTP/2 would first try an "Upgrade: h2c", which servers may not answer.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        String api = options.apiUrl().toString();
        this.base = (api.endsWith("/") ? api.substring(0, api.length() - 1) : api)
                + "/" + segment(options.orgName()) + "/" + segment(options.appName());
    }

    CompletableFuture<RegisteredUser> registerUser(String username, String password, String nickname) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("username", username).add("password", password);
        if (!nickname.isEmpty()) {
            body.add("nickname", nickname);
        }
        return call(post("/users", body.build().toString(), ""), false, JsonBodies::registeredUser);
    }

    CompletableFuture<TokenGrant> passwordGrant(String username, String password) {
        String body = JSON.createObjectBuilder().add("grant_type", "password").add("username", username)
                .add("password", password).build().toString();
        return call(post("/token", body, ""), true, JsonBodies::tokenGrant);
    }

    CompletableFuture<List<Conversation>> conversations(String user, String token) {
        return call(get("/users/" + segment(user) + "/conversations", token), false, JsonBodies::conversations);
    }

    CompletableFuture<HistoryPage> history(String user, String token, String peer, String before, int limit) {
        String query = "?peer=" + query(peer) + (before.isEmpty() ? "" : "&before=" + query(before)) + "&limit=" + limit;
        return call(get("/users/" + segment(user) + "/messages" + query, token), false, JsonBodies::historyPage);
    }

    /**
     * {@code GET /users/{name}}: the user, or empty when the server says there is none (404
     * {@code service_resource_not_found}, Agora's answer for an unknown user). Any other failure, such as 404
     * {@code not_found} from a server without this endpoint, fails the future.
     */
    CompletableFuture<Optional<RegisteredUser>> user(String token, String name) {
        return call(get("/users/" + segment(name), token), false, JsonBodies::registeredUser)
                .<Optional<RegisteredUser>>thenApply(Optional::of)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : failure;
                    if (cause instanceof ChatRestException rest && rest.httpStatus() == 404
                            && NO_SUCH_USER.equals(rest.error())) {
                        return CompletableFuture.completedFuture(Optional.empty());
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** The REST error of a user lookup for a user that does not exist. */
    static final String NO_SUCH_USER = "service_resource_not_found";

    /** Cancels calls in flight and releases the client's threads. */
    void close() {
        http.shutdownNow();
    }

    private HttpRequest post(String path, String json, String token) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private <T> CompletableFuture<T> call(HttpRequest request, boolean tokenEndpoint, Function<String, T> reader) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(request, failure));
                    }
                    if (response.statusCode() >= 400) {
                        throw new CompletionException(restFailure(response, tokenEndpoint));
                    }
                    try {
                        return reader.apply(response.body());
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw new CompletionException(new ChatException(ErrorCode.BAD_FRAME,
                                "unexpected answer from " + request.method() + " " + path(request) + ": "
                                        + e.getMessage(), e));
                    }
                });
    }

    private static ChatException transportFailure(HttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new ChatException(ErrorCode.TIMEOUT, request.method() + " " + path(request) + " timed out", cause);
        }
        String why = cause instanceof IOException ? String.valueOf(cause.getMessage()) : cause.toString();
        return new ChatException(ErrorCode.DISCONNECTED,
                "could not reach " + request.uri().getHost() + ":" + request.uri().getPort() + ": " + why, cause);
    }

    static ChatRestException restFailure(HttpResponse<String> response, boolean tokenEndpoint) {
        int status = response.statusCode();
        String[] error = JsonBodies.error(response.body() == null ? "" : response.body());
        String name = error[0].isEmpty() ? "http_" + status : error[0];
        return new ChatRestException(codeFor(status, tokenEndpoint), status, name, error[1]);
    }

    static ErrorCode codeFor(int status, boolean tokenEndpoint) {
        return switch (status) {
            case 401 -> tokenEndpoint ? ErrorCode.LOGIN_FAILED : ErrorCode.AUTH_FAILED;
            case 403 -> ErrorCode.AUTH_FAILED;
            case 404 -> ErrorCode.USER_NOT_FOUND;
            case 413 -> ErrorCode.MESSAGE_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.SERVER_BUSY : ErrorCode.BAD_FRAME;
        };
    }

    /** The path without the query (which may hold nothing secret, but keeps messages short). */
    private static String path(HttpRequest request) {
        return request.uri().getRawPath();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
