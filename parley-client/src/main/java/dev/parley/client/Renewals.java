package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Token renewals waiting for the server's {@code tokenRenewed}. The server answers them in order, so the oldest one
 * is the one answered. A renewal that times out stays queued (failed) so that a late answer still pairs with it. Used
 * on the client's loop thread only.
 */
final class Renewals {
    private final ScheduledExecutorService loop;
    private final Duration timeout;
    private final ArrayDeque<Renewal> waiting = new ArrayDeque<>();

    private record Renewal(String token, CompletableFuture<Instant> future) {
    }

    Renewals(ScheduledExecutorService loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** A renewal was sent; its future fails with {@link ErrorCode#TIMEOUT} if no answer comes in time. */
    void sent(String token, CompletableFuture<Instant> future) {
        Renewal renewal = new Renewal(token, future);
        waiting.addLast(renewal);
        loop.schedule(() -> {
            if (waiting.contains(renewal)) {
                Completions.fail(future, new ChatException(ErrorCode.TIMEOUT, "the token renewal was not answered"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The server accepted the oldest renewal; its token, which the session now uses. */
    Optional<String> accepted(Instant expiry) {
        Renewal renewal = waiting.pollFirst();
        if (renewal == null) {
            return Optional.empty();
        }
        Completions.succeed(renewal.future(), expiry);
        return Optional.of(renewal.token());
    }

    /** The server refused the oldest renewal. */
    void refused(ChatException failure) {
        Renewal renewal = waiting.pollFirst();
        if (renewal != null) {
            Completions.fail(renewal.future(), failure);
        }
    }

    /** Fails every waiting renewal (the connection ended). */
    void failAll(ChatException failure) {
        while (!waiting.isEmpty()) {
            Completions.fail(waiting.pollFirst().future(), failure);
        }
    }
}
