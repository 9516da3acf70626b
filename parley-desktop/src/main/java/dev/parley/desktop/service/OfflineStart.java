package dev.parley.desktop.service;

import dev.parley.client.ChatException;
import dev.parley.client.ConnectionState;
import dev.parley.client.LoginResult;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sign-in that could not reach the server, continued from the local cache (the "offline start"). The SDK gives up
 * when its first login fails (it reconnects without end only after a session it once had); so while the cached list
 * and messages stay on screen (the user reads, and writes into the outbox), this tries the login again on the same
 * {@link ReconnectPolicy} as the SDK's reconnects, "Reconnecting… (attempt n)" each time, and at once when the user
 * acts ({@link #now()}). The connection shows {@link ConnectionState#RECONNECTING} meanwhile. It ends when the server
 * accepts the login (the sign-in then completes as usual), refuses it (a bad token or password, an unknown user: the
 * sign-in fails and the sign-in screen comes back), or the session ends (signing out).
 * <p>
 * Threading: FX thread only; the waits run on a timer thread of its own ({@code parley-offline-start}), whose
 * attempts come back through the {@link FxBoundary}.
 */
final class OfflineStart {
    /** Login failures that mean "no answer", not "no": the server could not be reached, was too slow or busy. */
    private static final Set<Integer> UNREACHABLE = Set.of(ErrorCode.DISCONNECTED.code(), ErrorCode.TIMEOUT.code(),
            ErrorCode.SERVER_BUSY.code(), ErrorCode.SEND_FAILED_DISCONNECTED.code());

    private final FxBoundary fx;
    private final SessionNotices notices;
    private ScheduledExecutorService timer;
    /** The session continued offline; null when none. */
    private Session session;
    private ReconnectPolicy policy;
    private Supplier<CompletableFuture<LoginResult>> login;
    private Consumer<LoginResult> accepted;
    private Consumer<Throwable> refused;
    private CompletableFuture<Void> result;
    private ScheduledFuture<?> waiting;
    private int attempt;

    OfflineStart(FxBoundary fx, SessionNotices notices) {
        this.fx = fx;
        this.notices = notices;
    }

    /** Whether a failed login could not reach the server (rather than being refused by it). */
    static boolean unreachable(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ChatException chat && UNREACHABLE.contains(chat.code());
    }

    /** The connection state to show for {@code state} of session {@code s}'s client. */
    ConnectionState shown(Session s, ConnectionState state) {
        return s == session && state != ConnectionState.CONNECTED ? ConnectionState.RECONNECTING : state;
    }

    /**
     * Continues {@code s} offline: {@code login} is tried again on {@code schedule} until {@code onAccepted} or
     * {@code onRefused} is called with its outcome. {@code pending}, the sign-in's result, is cancelled if the
     * session ends first.
     */
    void begin(Session s, ReconnectPolicy schedule, Supplier<CompletableFuture<LoginResult>> loginAgain,
               Consumer<LoginResult> onAccepted, Consumer<Throwable> onRefused, CompletableFuture<Void> pending) {
        cancel();
        session = s;
        policy = schedule;
        login = loginAgain;
        accepted = onAccepted;
        refused = onRefused;
        result = pending;
        attempt = 0;
        scheduleNext();
    }

    /** The user acts: the waiting attempt is made at once. */
    void now() {
        if (waiting != null && waiting.cancel(false)) {
            waiting = null;
            attemptNow(session);
        }
    }

    /** The session ended: no more attempts; the sign-in's result is cancelled. */
    void cancel() {
        if (waiting != null) {
            waiting.cancel(false);
            waiting = null;
        }
        if (result != null) {
            result.cancel(false);
            result = null;
        }
        session = null;
    }

    private void scheduleNext() {
        attempt++;
        Duration delay = policy.delay(attempt);
        notices.reconnecting(attempt);
        Session s = session;
        waiting = timer().schedule(() -> fx.run(() -> {
            if (s == session && waiting != null) {
                waiting = null;
                attemptNow(s);
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attemptNow(Session s) {
        fx.whenDone(login.get(), () -> s == session, (ok, failure) -> {
            if (failure != null && unreachable(failure)) {
                scheduleNext();
                return;
            }
            session = null;
            result = null;
            if (failure == null) {
                accepted.accept(ok);
            } else {
                refused.accept(failure);
            }
        });
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("parley-offline-start").factory());
        }
        return timer;
    }
}
