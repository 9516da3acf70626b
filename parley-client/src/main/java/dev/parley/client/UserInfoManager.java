package dev.parley.client;

import static dev.parley.client.ChatManager.requireText;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Users' profiles over the REST API: this user's nickname and avatar, other users' profiles. Get it from
 * {@link ChatClient#userInfoManager()}; modelled on Agora's {@code UserInfoManager}. Every call fails with 39 before
 * the first login and with a {@link ChatRestException} when the server refuses. Thread-safe; futures complete on
 * internal threads.
 */
public final class UserInfoManager {
    /** The most users one {@link #fetchUserInfo(List)} looks up. */
    public static final int MAX_USERS = 100;
    /** The largest avatar {@link #fetchAvatar} reads; a longer answer fails the call. */
    public static final long MAX_AVATAR_BYTES = 8L << 20;
    /** How many lookups are in flight at once. */
    private static final int LANES = 4;

    private final ChatSession session;
    private final RestApi rest;
    private final FileTransfers transfers;

    UserInfoManager(ChatSession session, RestApi rest, FileTransfers transfers) {
        this.session = session;
        this.rest = rest;
        this.transfers = transfers;
    }

    /**
     * Sets this user's nickname ({@code PUT …/users/{me}} with {@code {nickname}}).
     *
     * @param nickname 1 to 64 characters (code points, as the server counts: an emoji is one); the server refuses
     *                 control and bidi-override characters (400
     *                 {@code illegal_argument})
     */
    public CompletableFuture<Void> updateOwnUserInfo(String nickname) {
        requireText("nickname", nickname);
        if (nickname.codePointCount(0, nickname.length()) > 64) {
            throw new IllegalArgumentException("nickname is longer than 64 characters");
        }
        String json = RestApi.JSON.createObjectBuilder().add("nickname", nickname).build().toString();
        return session.identity().thenCompose(id -> rest.send("PUT", "/users/" + RestApi.segment(id.user()),
                id.token(), json, RestErrors.DEFAULT, answer -> null));
    }

    /**
     * Sets this user's avatar ({@code PUT …/users/{me}/avatar} with the image as the body, at most 1 MB).
     *
     * @return fails with 400 when the file cannot be read, 405 when it is too large, or a {@link ChatRestException}
     * @throws IllegalArgumentException if {@code image} is not a regular file
     */
    public CompletableFuture<Void> uploadAvatar(Path image) {
        Objects.requireNonNull(image, "image");
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException("not a file: " + image);
        }
        String mime = ChatMessage.mimeOf(image);
        return session.identity().thenCompose(id -> transfers.putAvatar(id.user(), id.token(), image, mime));
    }

    /**
     * A user's avatar image ({@code GET …/users/{user}/avatar}, the address {@link UserInfo#avatarUrl()} names), as
     * the bytes the user uploaded; empty when the user has none (404). At most {@link #MAX_AVATAR_BYTES}.
     *
     * @return fails with a {@link ChatRestException} when the server refuses, or 16 / -1 when it cannot be reached
     */
    public CompletableFuture<Optional<byte[]>> fetchAvatar(String user) {
        requireText("user", user);
        return session.identity().thenCompose(id -> {
            HttpRequest request = rest.request("/users/" + RestApi.segment(user) + "/avatar", id.token())
                    .header("Accept", "*/*").GET().build();
            return rest.http().sendAsync(request, HttpResponse.BodyHandlers.limiting(
                            HttpResponse.BodyHandlers.ofByteArray(), MAX_AVATAR_BYTES))
                    .handle((response, failure) -> {
                        if (failure != null) {
                            throw new CompletionException(RestApi.transportFailure(request, failure));
                        }
                        if (response.statusCode() == 404) {
                            return Optional.<byte[]>empty();
                        }
                        if (response.statusCode() >= 400) {
                            throw new CompletionException(RestApi.restFailure(response.statusCode(),
                                    new String(response.body(), StandardCharsets.UTF_8), RestErrors.FILES));
                        }
                        return Optional.of(response.body());
                    });
        });
    }

    /** A user's profile ({@code GET …/users/{user}}), or empty when there is no such user. */
    public CompletableFuture<Optional<UserInfo>> fetchUserInfo(String user) {
        requireText("user", user);
        return session.identity().thenCompose(id -> rest.user(id.token(), user, JsonBodies::userInfo));
    }

    /**
     * The profiles of up to 100 users, keyed by user id (lowercase); users that do not exist are left out. Looked up
     * a few at a time.
     *
     * @return fails with the first failure other than "no such user"
     */
    public CompletableFuture<Map<String, UserInfo>> fetchUserInfo(List<String> users) {
        List<String> list = List.copyOf(users);
        if (list.size() > MAX_USERS) {
            throw new IllegalArgumentException("at most " + MAX_USERS + " users at once");
        }
        list.forEach(u -> requireText("user", u));
        return session.identity().thenCompose(id -> {
            Map<String, UserInfo> found = new LinkedHashMap<>();
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (int i = lane; i < list.size(); i += LANES) {
                    String user = list.get(i);
                    chain = chain.thenCompose(v -> rest.user(id.token(), user, JsonBodies::userInfo))
                            .thenAccept(info -> info.ifPresent(u -> {
                                synchronized (found) {
                                    found.put(u.username(), u);
                                }
                            }));
                }
                lanes.add(chain);
            }
            return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).thenApply(v -> {
                synchronized (found) {
                    return Map.copyOf(found);
                }
            });
        });
    }
}
