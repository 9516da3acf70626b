package dev.parley.desktop.service;

import java.util.function.Consumer;

/**
 * Desktop notifications through the operating system's notification service (on Linux the freedesktop
 * {@code org.freedesktop.Notifications} service on the session bus). The {@link ChatService} decides when to notify;
 * an implementation only shows, replaces and withdraws notifications and reports clicks.
 *
 * <h2>Threading</h2>
 * Every method may be called on any thread (the FX thread in the app) and returns at once: an implementation talks
 * to the notification service on a thread of its own and never blocks the caller. Click listeners are called on the
 * implementation's thread (the D-Bus signal thread); the ChatService hands them to the FX thread through its
 * {@code FxBoundary}. A notification service that is missing or fails is logged and otherwise ignored: notifying is
 * never an error the user sees.
 */
public interface Notifier extends AutoCloseable {
    /**
     * Shows a notification, or replaces the one shown earlier with the same {@code key} (one per conversation, not a
     * stack of them).
     *
     * @param key     what the notification is about (a peer's user ID, or a key of the caller's); clicks report it
     * @param summary the title line (the sender's name)
     * @param body    the text (a preview of the message), plain text
     */
    void show(String key, String summary, String body);

    /**
     * Takes the notification shown under {@code key} off the screen, if there is one (the user opened that
     * conversation: it is read, the notification has nothing more to say).
     */
    void withdraw(String key);

    /** Takes every notification this notifier shows off the screen (the window got the focus, or at sign-out). */
    void withdrawAll();

    /**
     * Calls {@code listener} with a notification's key when the user clicks it (its default action). Called on the
     * notifier's thread, never the FX thread. Closing the handle removes the listener.
     */
    AutoCloseable onClicked(Consumer<String> listener);

    /** Stops notifying and lets go of the notification service (at application exit). */
    @Override
    void close();

    /** A notifier that shows nothing: when there is no notification service (no session bus, other platforms). */
    static Notifier none() {
        return NoNotifier.INSTANCE;
    }
}
