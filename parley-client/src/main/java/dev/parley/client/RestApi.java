package dev.parley.client;

import dev.parley.client.JsonBodies.TokenGrant;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
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
 * answered with an error (its code as {@link RestErrors} maps it), {@link ErrorCode#TIMEOUT} when it did not answer in
 * time, {@link ErrorCode#DISCONNECTED} when it could not be reached. The JSON shapes read are listed in
 * {@link JsonBodies}. Thread-safe. File transfers are {@link FileTransfers}'; group calls {@link GroupManager}'s.
 */
final class RestApi {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    static final JsonProvider JSON = JsonProvider.provider();
    /** The REST error of a user lookup for a user that does not exist. */
    static final String NO_SUCH_USER = "service_resource_not_found";

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

    // ---- version 1 ------------------------------------------------------------------------------------------------

    CompletableFuture<RegisteredUser> registerUser(String username, String password, String nickname) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("username", username).add("password", password);
        if (!nickname.isEmpty()) {
            body.add("nickname", nickname);
        }
        return send("POST", "/users", "", body.build().toString(), RestErrors.DEFAULT, JsonBodies::registeredUser);
    }

    CompletableFuture<TokenGrant> passwordGrant(String username, String password) {
        String body = JSON.createObjectBuilder().add("grant_type", "password").add("username", username)
                .add("password", password).build().toString();
        return send("POST", "/token", "", body, RestErrors.TOKEN, JsonBodies::tokenGrant);
    }

    CompletableFuture<List<Conversation>> conversations(String user, String token) {
        return get("/users/" + segment(user) + "/conversations", token, RestErrors.DEFAULT, JsonBodies::conversations);
    }

    /**
     * A page of history, older than {@code before} or newer than {@code after} (at most one given; {@code ""}: not);
     * {@code chatType} is sent only for groups ({@code singleChat} is the server's default).
     */
    CompletableFuture<HistoryPage> history(String user, String token, ChatType chatType, String peer, String before,
                                           String after, int limit) {
        String query = "?peer=" + query(peer) + (chatType == ChatType.GROUP ? "&chatType=" + chatType.wire() : "")
                + (before.isEmpty() ? "" : "&before=" + query(before))
                + (after.isEmpty() ? "" : "&after=" + query(after)) + "&limit=" + limit;
        return get("/users/" + segment(user) + "/messages" + query, token, RestErrors.DEFAULT,
                JsonBodies::historyPage);
    }

    /**
     * {@code GET /users/{name}}: the user, or empty when the server says there is none (404
     * {@code service_resource_not_found}, Agora's answer for an unknown user). Any other failure, such as 404
     * {@code not_found} from a server without this endpoint, fails the future.
     */
    <T> CompletableFuture<Optional<T>> user(String token, String name, Function<String, T> reader) {
        return get("/users/" + segment(name), token, RestErrors.DEFAULT, reader)
                .<Optional<T>>thenApply(Optional::of)
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

    // ---- version 2 ------------------------------------------------------------------------------------------------

    /** {@code GET /users/{user}/messages/search?q=&chatType=&peer=&limit=}; {@code peer} "" for every conversation. */
    CompletableFuture<List<ReceivedMessage>> search(String user, String token, String q, Optional<ChatType> chatType,
                                                    String peer, int limit) {
        String query = "?q=" + query(q) + chatType.map(t -> "&chatType=" + t.wire()).orElse("")
                + (peer.isEmpty() ? "" : "&peer=" + query(peer)) + "&limit=" + limit;
        return get("/users/" + segment(user) + "/messages/search" + query, token, RestErrors.DEFAULT,
                JsonBodies::messageList);
    }

    // ---- the machinery --------------------------------------------------------------------------------------------

    /** Cancels calls in flight and releases the client's threads. */
    void close() {
        http.shutdownNow();
    }

    HttpClient http() {
        return http;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code GET path} and the answer read by {@code reader}. */
    <T> CompletableFuture<T> get(String path, String token, RestErrors errors, Function<String, T> reader) {
        return call(request(path, token).GET().build(), errors, reader);
    }

    /** {@code method path} with a JSON body ({@code ""}: none) and the answer read by {@code reader}. */
    <T> CompletableFuture<T> send(String method, String path, String token, String json, RestErrors errors,
                                  Function<String, T> reader) {
        HttpRequest.Builder builder = request(path, token);
        if (json.isEmpty()) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return call(builder.build(), errors, reader);
    }

    /** A request to {@code path} (below the app's base) with the JSON accept header and the user's token. */
    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    <T> CompletableFuture<T> call(HttpRequest request, RestErrors errors, Function<String, T> reader) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(request, failure));
                    }
                    if (response.statusCode() >= 400) {
                        throw new CompletionException(restFailure(response.statusCode(), response.body(), errors));
                    }
                    try {
                        return reader.apply(response.body());
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw new CompletionException(new ChatException(ErrorCode.BAD_FRAME,
                                "unexpected answer from " + request.method() + " " + request.uri().getRawPath() + ": "
                                        + e.getMessage(), e));
                    }
                });
    }

    /** A request that got no answer: -1 when it timed out, else 16 (the server could not be reached). */
    static ChatException transportFailure(HttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ChatException chat) {
            return chat;
        }
        if (cause instanceof HttpTimeoutException) {
            return new ChatException(ErrorCode.TIMEOUT, request.method() + " " + request.uri().getRawPath()
                    + " timed out", cause);
        }
        String why = cause instanceof IOException ? String.valueOf(cause.getMessage()) : cause.toString();
        return new ChatException(ErrorCode.DISCONNECTED,
                "could not reach " + request.uri().getHost() + ":" + request.uri().getPort() + ": " + why, cause);
    }

    /** The failure a REST error answer stands for: its status, {@code error} name, description and code. */
    static ChatRestException restFailure(int status, String body, RestErrors errors) {
        JsonBodies.RestError error = JsonBodies.error(body == null ? "" : body);
        String name = error.error().isEmpty() ? "http_" + status : error.error();
        int code = error.code().orElseGet(() -> errors.codeFor(status).code());
        return new ChatRestException(code, status, name, error.description());
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
