package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The session's token through its life: the token (or password) to log in with, renewals waiting for their answer,
 * "will expire" and "expired" at 80% and 100% of its lifetime ({@link TokenTimers}), and, for a password login, the
 * automatic renewal with a fresh token from the REST API. Used on the client's loop thread only. Never logs a token or
 * a password.
 */
final class TokenKeeper {
    private final ClientLoop loop;
    private final RestApi rest;
    private final EventDispatcher events;
    private final Consumer<Frame.ClientFrame> write;
    private final BooleanSupplier loggedIn;
    private final Renewals renewals;
    private final TokenTimers timers;
    private String user = "";
    private String token = "";
    private String password = "";
    private boolean expiredFired;

    /**
     * @param write    sends a frame on the current connection
     * @param loggedIn whether a session is up right now
     * @param expired  ends the session when the token has expired (after {@code onTokenExpired} was raised)
     */
    TokenKeeper(ClientLoop loop, ChatOptions options, RestApi rest, EventDispatcher events,
                Consumer<Frame.ClientFrame> write, BooleanSupplier loggedIn, Runnable expired) {
        this.loop = loop;
        this.rest = rest;
        this.events = events;
        this.write = write;
        this.loggedIn = loggedIn;
        this.renewals = new Renewals(loop.executor(), options.sendTimeout());
        this.timers = new TokenTimers(loop.executor(), System::currentTimeMillis, this::willExpire, expired);
    }

    /** A new login: with {@code token}, or (when {@code password} is not empty) with tokens fetched by password. */
    void begin(String user, String token, String password) {
        this.user = user;
        this.token = token;
        this.password = password;
        this.expiredFired = false;
    }

    /** The token to log in with now: the current one, or a fresh one for a password login. */
    CompletableFuture<String> tokenForLogin() {
        return password.isEmpty()
                ? CompletableFuture.completedFuture(token)
                : rest.passwordGrant(user, password).thenApply(JsonBodies.TokenGrant::accessToken);
    }

    /** The token in use, for logging in on a link and for REST calls. */
    String token() {
        return token;
    }

    void use(String loginToken) {
        this.token = loginToken;
    }

    /** The server accepted a login; the token expires at {@code expireTimestamp} by its clock. */
    void loggedIn(String canonicalUser, long expireTimestamp, long serverTime) {
        user = canonicalUser;
        expiredFired = false;
        timers.loggedIn(expireTimestamp, serverTime);
    }

    /** Asks the server to switch to {@code newToken}; the future settles with its answer. */
    void renew(String newToken, CompletableFuture<Instant> future) {
        renewals.sent(newToken, future);
        write.accept(new Frame.RenewToken(newToken));
    }

    /** The server switched to the oldest waiting token. */
    void renewed(long expireTimestamp) {
        renewals.accepted(Instant.ofEpochMilli(expireTimestamp)).ifPresent(renewed -> token = renewed);
        expiredFired = false;
        timers.renewed(expireTimestamp);
    }

    /** Whether an error with this code answers a waiting renewal (which then fails with it). */
    boolean refusedRenewal(ChatException failure) {
        int code = failure.code();
        boolean tokenCode = code == ErrorCode.TOKEN_INVALID.code() || code == ErrorCode.AUTH_FAILED.code()
                || code == ErrorCode.TOKEN_EXPIRED.code();
        if (tokenCode && !renewals.isEmpty()) {
            renewals.refused(failure);
            return true;
        }
        return false;
    }

    /** The connection ended: waiting renewals fail (the timers go on: the token keeps ageing). */
    void connectionLost(ChatException failure) {
        renewals.failAll(failure);
    }

    /** The session ended: no timers, no waiting renewals. */
    void stop(ChatException failure) {
        timers.cancel();
        renewals.failAll(failure);
    }

    /** Raises {@code onTokenExpired} once per token; whether it did so now. */
    boolean expire() {
        if (expiredFired) {
            return false;
        }
        expiredFired = true;
        events.fire(ChatEventHandler::onTokenExpired);
        return true;
    }

    private void willExpire() {
        events.fire(ChatEventHandler::onTokenWillExpire);
        if (password.isEmpty() || !loggedIn.getAsBoolean()) {
            return;
        }
        rest.passwordGrant(user, password).whenComplete((grant, failure) -> loop.run(() -> {
            if (failure != null) {
                ChatException error = Completions.asChatException(failure);
                events.fire(h -> h.onError(new ChatError(error.code(),
                        "could not renew the token: " + error.getMessage())));
            } else if (loggedIn.getAsBoolean()) {
                renew(grant.accessToken(), new CompletableFuture<>());
            }
        }, () -> { }));
    }
}
