package dev.parley.server.account;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.server.App;
import dev.parley.server.UserIds;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.UserStore;
import dev.parley.server.store.PasswordHasher;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.UserRecord;
import dev.parley.server.store.Write;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Users and the tokens the app server hands out: registration, the password grant, the client-credentials grant.
 * <p>
 * Password hashing (slow on purpose) runs on the {@code hashing} executor given at construction: {@link #register}
 * and {@link #passwordGrant} return at once with a future, which fails with a {@link RejectedExecutionException}
 * when that executor is full (the caller answers "busy"), or with an {@link AccountException}. Failed password
 * sign-ins are counted per account ({@link LoginThrottle}); a locked account fails with {@link AccountException.Kind#LOCKED}
 * before any hashing. {@link #appGrant} and {@link #ensureUser} run in the caller's thread ({@code ensureUser} blocks
 * until its write is committed: never call it on a selector thread).
 */
public final class Accounts {
    /** Why {@code nickname} is refused, if it is (1–64 characters, no control or text-direction characters). */
    public static java.util.Optional<String> nicknameProblem(String nickname) {
        return Nicknames.problem(nickname);
    }

    /** Shortest accepted password. */
    public static final int MIN_PASSWORD = 6;
    /** Longest accepted password. */
    public static final int MAX_PASSWORD = 128;
    /** Longest nickname, in code points. */
    public static final int MAX_NICKNAME = Nicknames.MAX_CODE_POINTS;
    /** How long a registration waits for its commit before it answers "busy". */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final App app;
    private final UserStore store;
    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Duration maxTtl;
    private final Executor hashing;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle = new LoginThrottle();
    /** Hash checked when the user does not exist, so both cases take the same time. */
    private final String decoyHash;

    /**
     * @param hashing where passwords are hashed; a bounded executor that throws {@link RejectedExecutionException}
     *                when full
     */
    public Accounts(App app, UserStore store, GroupCommitWriter writer, Clock clock, Duration maxTtl,
                    Executor hashing) {
        this(app, store, writer, clock, maxTtl, hashing, new PasswordHasher());
    }

    public Accounts(App app, UserStore store, GroupCommitWriter writer, Clock clock, Duration maxTtl,
                    Executor hashing, PasswordHasher hasher) {
        this.app = app;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.maxTtl = maxTtl;
        this.hashing = hashing;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy-password".toCharArray());
    }

    /**
     * Registers a user with a password. The nickname is optional ({@code ""}); when given it is 1–64 code points
     * without control or text-direction characters.
     */
    public CompletableFuture<UserRecord> register(String username, String password, String nickname) {
        Optional<String> user = UserIds.normalize(username);
        if (user.isEmpty()) {
            return illegal("username must be 1-" + UserIds.MAX_LENGTH + " characters of a-z, 0-9, _, - and .");
        }
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            return illegal("password must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        if (!nickname.isEmpty()) {
            Optional<String> problem = Nicknames.problem(nickname);
            if (problem.isPresent()) {
                return illegal(problem.get());
            }
        }
        CompletableFuture<String> hash;
        try {
            hash = CompletableFuture.supplyAsync(() -> hasher.hash(password.toCharArray()), hashing);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
        return hash.thenCompose(h -> {
            var record = new UserRecord(user.get(), nickname, h, clock.millis());
            return writer.submit(new Write.CreateUser(record))
                    .orTimeout(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((result, failure) -> {
                        if (failure != null) {
                            throw new AccountException(AccountException.Kind.UNAVAILABLE, "server busy, try again");
                        }
                        if (!result.created()) {
                            throw new AccountException(AccountException.Kind.DUPLICATE,
                                    "username " + record.username() + " is taken");
                        }
                        return record;
                    });
        });
    }

    /** The canonical id of {@code username}, creating the user without a password if unknown (token-only user). */
    public String ensureUser(String username) {
        String user = UserIds.normalize(username).orElseThrow(() -> new AccountException(
                AccountException.Kind.ILLEGAL_ARGUMENT, "invalid user id: " + username));
        if (find(user).isEmpty()) {
            createNow(new UserRecord(user, "", "", clock.millis()));
        }
        return user;
    }

    /**
     * The password grant: a chat user token for a correct user name and password, asked from {@code address}. Fails
     * with {@link AccountException.Kind#LOCKED} while this account is locked for that address or for every address
     * (see {@link LoginThrottle}), without hashing.
     */
    public CompletableFuture<Grant> passwordGrant(String username, String password, Optional<Duration> ttl,
                                                  String address) {
        Duration lifetime;
        try {
            lifetime = lifetime(ttl);
        } catch (AccountException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<String> user = UserIds.normalize(username);
        if (user.isPresent()) {
            Duration wait = throttle.tryBegin(user.get(), address, clock.millis());
            if (!wait.isZero()) {
                return CompletableFuture.failedFuture(AccountException.locked(wait));
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> checkPassword(user, password, lifetime, address), hashing);
        } catch (RejectedExecutionException e) {
            user.ifPresent(u -> throttle.abandoned(u, address));
            return CompletableFuture.failedFuture(e);
        }
    }

    private Grant checkPassword(Optional<String> user, String password, Duration lifetime, String address) {
        Optional<UserRecord> record = user.flatMap(this::find);
        boolean hasPassword = record.isPresent() && !record.get().passwordHash().isEmpty();
        // Hash even when there is nothing to compare with, so the answer takes as long either way.
        boolean matches = hasher.verify(password.toCharArray(),
                hasPassword ? record.get().passwordHash() : decoyHash);
        if (!(hasPassword && matches)) {
            throw new AccountException(AccountException.Kind.UNAUTHORIZED, "invalid username or password");
        }
        throttle.succeeded(record.get().username(), address);
        String token = AccessToken2.buildUserToken(app.credentials(), record.get().username(), lifetime, clock);
        return new Grant(token, lifetime, record.get().username());
    }

    /** The client-credentials grant: an app token for the app's id and certificate. Cheap: runs in the caller. */
    public Grant appGrant(String clientId, String clientSecret, Optional<Duration> ttl) {
        boolean idOk = constantTimeEquals(clientId.toLowerCase(Locale.ROOT),
                app.credentials().appId().toLowerCase(Locale.ROOT));
        boolean secretOk = constantTimeEquals(clientSecret, app.credentials().appCertificate());
        if (!(idOk & secretOk)) {
            throw new AccountException(AccountException.Kind.UNAUTHORIZED, "invalid client credentials");
        }
        Duration lifetime = lifetime(ttl);
        return new Grant(AccessToken2.buildAppToken(app.credentials(), lifetime, clock), lifetime, "");
    }

    /** Forgets failed sign-ins that no longer matter (periodic housekeeping). */
    public void sweep() {
        throttle.forgetIdle(clock.millis());
    }

    /**
     * The result of one of the futures above, waited for in the caller's thread (the command line, tests), with the
     * {@link AccountException} it failed with unwrapped.
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Duration lifetime(Optional<Duration> ttl) {
        Duration asked = ttl.orElse(maxTtl);
        if (asked.isNegative() || asked.isZero()) {
            throw new AccountException(AccountException.Kind.ILLEGAL_ARGUMENT, "ttl must be positive");
        }
        return asked.compareTo(maxTtl) > 0 ? maxTtl : asked;
    }

    private Optional<UserRecord> find(String user) {
        try {
            return store.findUser(user);
        } catch (StoreException e) {
            throw new AccountException(AccountException.Kind.UNAVAILABLE, "server busy, try again");
        }
    }

    private void createNow(UserRecord record) {
        try {
            writer.submit(new Write.CreateUser(record)).get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AccountException(AccountException.Kind.UNAVAILABLE, "server busy, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountException(AccountException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    private static <T> CompletableFuture<T> illegal(String message) {
        return CompletableFuture.failedFuture(new AccountException(AccountException.Kind.ILLEGAL_ARGUMENT, message));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A token handed out by a grant.
     *
     * @param token    the AccessToken2 string
     * @param lifetime how long it lives
     * @param user     the user it names ({@code ""} for an app token)
     */
    public record Grant(String token, Duration lifetime, String user) {
        @Override
        public String toString() {
            return "Grant[user=" + user + ", lifetime=" + lifetime + "]";
        }
    }
}
