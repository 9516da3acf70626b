package dev.parley.desktop.profile;

import dev.parley.client.ChatClient;
import dev.parley.client.UserInfo;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.desktop.service.FxBoundary;
import dev.parley.desktop.settings.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The signed-in user's own profile on the server: nickname, avatar and status line, through the SDK client of the
 * {@link ChatService}'s current sign-in. The status line is also kept in the {@link Settings} and published again at
 * every sign-in (the server forgets it when the session ends).
 *
 * <h2>Threading</h2>
 * Every method runs on the FX thread; every future completes there (through {@link FxBoundary}), or is cancelled
 * when the user signed out or in as someone else meanwhile. Failures are {@link ChatServiceException}s whose message
 * is a sentence naming the field. Reading the avatar file's size runs on a virtual thread.
 */
public final class ProfileService {
    private static final System.Logger LOG = System.getLogger(ProfileService.class.getName());
    /** The largest avatar the server takes. */
    public static final int MAX_AVATAR_BYTES = 1 << 20;

    private final ChatService chat;
    private final Settings settings;
    private final FxBoundary fx;

    /**
     * A service over the current sign-in of {@code chat}.
     *
     * @param fxExecutor the FX thread's executor ({@code Platform::runLater} in the app)
     */
    public ProfileService(ChatService chat, Settings settings, Executor fxExecutor) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fx = new FxBoundary(fxExecutor);
        chat.signedInProperty().addListener((o, was, signedIn) -> {
            if (signedIn && !settings.status().isEmpty()) {
                publishStatus(settings.status()).exceptionally(failure -> {
                    LOG.log(Level.INFO, "status line not published at sign-in: {0}", failure.getMessage());
                    return null;
                });
            }
        });
    }

    /** The status line kept in the settings, {@code ""} for none. */
    public String savedStatus() {
        return settings.status();
    }

    /** The signed-in user, {@code ""} when signed out. */
    public String currentUser() {
        return chat.getCurrentUser();
    }

    /** The user's nickname and avatar as the server has them. */
    public CompletableFuture<OwnProfile> load() {
        return call("Profile", client -> {
            String me = chat.getCurrentUser();
            var manager = client.userInfoManager();
            return manager.fetchUserInfo(me).thenCompose(info -> {
                String nickname = info.map(UserInfo::nickname).orElse("");
                if (info.flatMap(UserInfo::avatar).isEmpty()) {
                    return CompletableFuture.completedFuture(new OwnProfile(me, nickname, Optional.empty()));
                }
                return manager.fetchAvatar(me).thenApply(avatar -> new OwnProfile(me, nickname, avatar));
            });
        });
    }

    /** Sets the nickname (stripped); refused with a sentence when the server's rules forbid it. */
    public CompletableFuture<Void> saveNickname(String nickname) {
        String name = nickname.strip();
        Optional<String> problem = ProfileErrors.nicknameProblem(name);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return call("Nickname", client -> client.userInfoManager().updateOwnUserInfo(name));
    }

    /** Uploads the PNG or JPEG file {@code image} (at most 1 MB) as the avatar; the caller keeps the file. */
    public CompletableFuture<Void> uploadAvatar(Path image) {
        Objects.requireNonNull(image, "image");
        return call("Picture", client -> CompletableFuture.supplyAsync(() -> sizeOf(image), virtualThread())
                .thenCompose(size -> {
                    if (size > MAX_AVATAR_BYTES) {
                        throw new CompletionException(
                                new ChatServiceException("Picture: the server takes at most 1 MB.", null));
                    }
                    return client.userInfoManager().uploadAvatar(image);
                }));
    }

    /**
     * Publishes the status line (stripped; {@code ""} clears it) and keeps it for the next sign-ins.
     */
    public CompletableFuture<Void> publishStatus(String status) {
        String line = status.strip();
        Optional<String> problem = ProfileErrors.statusProblem(line);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        settings.setStatus(line);
        return call("Status", client -> client.presenceManager().publishPresence(line));
    }

    /** Runs {@code request} with the current client; its result or a sentence comes back on the FX thread. */
    private <T> CompletableFuture<T> call(String field, Function<ChatClient, CompletableFuture<T>> request) {
        Optional<ChatClient> current = chat.currentClient();
        if (current.isEmpty()) {
            return refused(field + ": you are not signed in.");
        }
        ChatClient client = current.get();
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> sent;
        try {
            sent = request.apply(client);
        } catch (IllegalArgumentException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        String serverUrl = client.options().url().toString();
        fx.whenDone(sent, () -> {
            boolean wanted = chat.currentClient().filter(c -> c == client).isPresent();
            if (!wanted) {
                result.cancel(false);
            }
            return wanted;
        }, (value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                LOG.log(Level.INFO, "{0} not saved: {1}", field, failure.getMessage());
                result.completeExceptionally(failure.getCause() instanceof ChatServiceException c ? c
                        : new ChatServiceException(ProfileErrors.describe(field, failure, serverUrl), failure));
            }
        });
        return result;
    }

    private static <T> CompletableFuture<T> refused(String sentence) {
        return CompletableFuture.failedFuture(new ChatServiceException(sentence, null));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CompletionException(new ChatServiceException(
                    "Picture: the file cannot be read (" + e.getMessage() + ").", e));
        }
    }

    private static Executor virtualThread() {
        return task -> Thread.ofVirtual().name("parley-avatar").start(task);
    }
}
