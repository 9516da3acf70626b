package dev.parley.desktop.service;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The one place where work crosses onto the FX thread: SDK events (from the SDK's event thread) and the results of
 * the SDK's futures (from its internal threads) are handed to the injected executor, {@code Platform::runLater} in
 * the app and {@code Runnable::run} in tests. Nothing else in the desktop module switches threads. Public so that
 * services beside {@link ChatService} (the profile's) cross the same way.
 */
public final class FxBoundary {
    private final Executor fx;

    /** A boundary that runs FX-thread work on {@code fx} ({@code Platform::runLater} in the app). */
    public FxBoundary(Executor fx) {
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Runs {@code action} on the FX thread. */
    public void run(Runnable action) {
        fx.execute(action);
    }

    /**
     * When {@code future} settles, runs {@code then} on the FX thread with its result or failure, unless
     * {@code stillWanted} says by then that the result no longer matters (the user signed out meanwhile).
     */
    public <T> void whenDone(CompletableFuture<T> future, BooleanSupplier stillWanted, BiConsumer<T, Throwable> then) {
        future.whenComplete((result, failure) -> fx.execute(() -> {
            if (stillWanted.getAsBoolean()) {
                then.accept(result, failure);
            }
        }));
    }
}
