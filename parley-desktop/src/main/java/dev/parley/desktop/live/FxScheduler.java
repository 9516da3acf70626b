package dev.parley.desktop.live;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs actions on the FX thread after a delay: the timers of typing expiry, presence's "last seen" refresh and the
 * search's debounce. Injected so that tests drive time themselves; the app uses {@link #javafx()}, whose timers are
 * JavaFX animations (they fire on the FX thread, with no thread of their own and no {@code Platform.runLater}).
 * Call it on the FX thread.
 */
public interface FxScheduler {

    /**
     * Runs {@code action} on the FX thread once {@code delay} has passed, unless cancelled first.
     *
     * @return the handle that cancels it
     */
    Scheduled schedule(java.time.Duration delay, Runnable action);

    /** A scheduled action that has not run yet. */
    @FunctionalInterface
    interface Scheduled {
        /** Keeps the action from running; does nothing if it ran or was cancelled already. */
        void cancel();
    }

    /** The scheduler of the running app: one {@link PauseTransition} per action. Needs the JavaFX toolkit. */
    static FxScheduler javafx() {
        return (delay, action) -> {
            PauseTransition pause = new PauseTransition(Duration.millis(delay.toMillis()));
            pause.setOnFinished(event -> action.run());
            pause.play();
            return pause::stop;
        };
    }
}
