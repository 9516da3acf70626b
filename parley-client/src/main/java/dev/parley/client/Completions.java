package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Settles the futures the SDK hands out. They are completed on a fresh virtual thread, never on the client's loop
 * thread, its event thread or a socket thread, so that an application's dependent actions (even blocking ones) cannot
 * stall the client, and a handler may wait for a future.
 */
final class Completions {
    private static final Executor COMPLETER = task -> Thread.ofVirtual().name("parley-completion").start(task);

    private Completions() {
    }

    static <T> void succeed(CompletableFuture<T> future, T value) {
        COMPLETER.execute(() -> future.complete(value));
    }

    static void fail(CompletableFuture<?> future, Throwable failure) {
        COMPLETER.execute(() -> future.completeExceptionally(failure));
    }

    /** The failure of a stage as a {@link ChatException}; anything else means the server could not be reached. */
    static ChatException asChatException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ChatException chat) {
            return chat;
        }
        return new ChatException(ErrorCode.DISCONNECTED, "could not connect: " + cause.getMessage(), cause);
    }
}
