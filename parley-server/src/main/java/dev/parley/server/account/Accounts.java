package dev.parley.server.account;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.server.App;
import dev.parley.server.UserIds;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.PasswordHasher;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.UserRecord;
import dev.parley.server.store.Write;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Users and the tokens the app server hands out: registration, the password grant, the client-credentials grant.
 * <p>
 * Every method blocks (password hashing is slow on purpose, and writes wait for their commit): call them from a
 * worker thread, never from a selector thread.
 */
public final class Accounts {
    /** Shortest accepted password. */
    public static final int MIN_PASSWORD = 6;
    /** Longest accepted password. */
    public static final int MAX_PASSWORD = 128;
    /** Longest nickname. */
    public static final int MAX_NICKNAME = 100;

    private final App app;
    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Duration maxTtl;
    private final PasswordHasher hasher;
    /** Hash checked when the user does not exist, so both cases take the same time. */
    private final String decoyHash;

    public Accounts(App app, MessageStore store, GroupCommitWriter writer, Clock clock, Duration maxTtl) {
        this(app, store, writer, clock, maxTtl, new PasswordHasher());
    }

    public Accounts(App app, MessageStore store, GroupCommitWriter writer, Clock clock, Duration maxTtl,
                    PasswordHasher hasher) {
        this.app = app;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.maxTtl = maxTtl;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy-password".toCharArray());
    }

    /** Registers a user with a password. */
    public UserRecord register(String username, String password, String nickname) {
        String user = UserIds.normalize(username).orElseThrow(() -> new AccountException(
                AccountException.Kind.ILLEGAL_ARGUMENT,
                "username must be 1-64 characters of a-z, 0-9, _, - and ."));
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new AccountException(AccountException.Kind.ILLEGAL_ARGUMENT,
                    "password must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        if (nickname.length() > MAX_NICKNAME) {
            throw new AccountException(AccountException.Kind.ILLEGAL_ARGUMENT,
                    "nickname must be at most " + MAX_NICKNAME + " characters");
        }
        var record = new UserRecord(user, nickname, hasher.hash(password.toCharArray()), clock.millis());
        if (!create(record)) {
            throw new AccountException(AccountException.Kind.DUPLICATE, "username " + user + " is taken");
        }
        return record;
    }

    /** The canonical id of {@code username}, creating the user without a password if unknown (token-only user). */
    public String ensureUser(String username) {
        String user = UserIds.normalize(username).orElseThrow(() -> new AccountException(
                AccountException.Kind.ILLEGAL_ARGUMENT, "invalid user id: " + username));
        if (find(user).isEmpty()) {
            create(new UserRecord(user, "", "", clock.millis()));
        }
        return user;
    }

    /** The password grant: a chat user token for a correct user name and password. */
    public Grant passwordGrant(String username, String password, Optional<Duration> ttl) {
        Optional<String> user = UserIds.normalize(username);
        Optional<UserRecord> record = user.flatMap(this::find);
        boolean hasPassword = record.isPresent() && !record.get().passwordHash().isEmpty();
        // Hash even when there is nothing to compare with, so the answer takes as long either way.
        boolean matches = hasher.verify(password.toCharArray(),
                hasPassword ? record.get().passwordHash() : decoyHash);
        if (!(hasPassword && matches)) {
            throw new AccountException(AccountException.Kind.UNAUTHORIZED, "invalid username or password");
        }
        Duration lifetime = lifetime(ttl);
        String token = AccessToken2.buildUserToken(app.credentials(), record.get().username(), lifetime, clock);
        return new Grant(token, lifetime, record.get().username());
    }

    /** The client-credentials grant: an app token for the app's id and certificate. */
    public Grant appGrant(String clientId, String clientSecret, Optional<Duration> ttl) {
        boolean idOk = constantTimeEquals(clientId.toLowerCase(java.util.Locale.ROOT),
                app.credentials().appId().toLowerCase(java.util.Locale.ROOT));
        boolean secretOk = constantTimeEquals(clientSecret, app.credentials().appCertificate());
        if (!(idOk & secretOk)) {
            throw new AccountException(AccountException.Kind.UNAUTHORIZED, "invalid client credentials");
        }
        Duration lifetime = lifetime(ttl);
        return new Grant(AccessToken2.buildAppToken(app.credentials(), lifetime, clock), lifetime, "");
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

    private boolean create(UserRecord record) {
        try {
            var result = (Write.UserCreated) writer.submit(new Write.CreateUser(record)).get(30, TimeUnit.SECONDS);
            return result.created();
        } catch (ExecutionException | TimeoutException e) {
            throw new AccountException(AccountException.Kind.UNAVAILABLE, "server busy, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountException(AccountException.Kind.UNAVAILABLE, "interrupted");
        }
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
