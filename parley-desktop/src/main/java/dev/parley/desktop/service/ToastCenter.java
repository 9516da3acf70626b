package dev.parley.desktop.service;

import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The toasts on screen, oldest first. At most {@link #MAX_TOASTS} are kept: a new one pushes out the oldest. A toast
 * with a topic replaces the toast of the same topic (so "reconnecting, attempt 3" replaces "attempt 2"). Used on the FX thread only (the {@link ChatService}'s executor).
 */
public final class ToastCenter {
    /** The most toasts shown at once. */
    public static final int MAX_TOASTS = 3;

    /** Topics of toasts that replace each other. */
    public static final class Topic {
        /** Connection changes: connected, disconnected. */
        public static final String CONNECTION = "connection";
        /** Reconnect attempts; removed when the connection is back. */
        public static final String RECONNECT = "reconnect";
        /** The session's token: will expire, renewed, expired. */
        public static final String SESSION = "session";

        private Topic() {
        }
    }

    private final ObservableList<Toast> toasts = FXCollections.observableArrayList();
    private final ObservableList<Toast> readOnly = FXCollections.unmodifiableObservableList(toasts);
    private long nextId = 1;

    /** The toasts on screen, oldest first; read-only. */
    public ObservableList<Toast> getToasts() {
        return readOnly;
    }

    /** Shows a toast without a topic. */
    public Toast show(ToastKind kind, String text) {
        return show(kind, "", text);
    }

    /** Shows a toast, replacing the toast with the same topic if there is one. */
    public Toast show(ToastKind kind, String topic, String text) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(text, "text");
        Toast toast = new Toast(nextId++, kind, topic, text);
        if (!topic.isEmpty()) {
            for (int i = 0; i < toasts.size(); i++) {
                if (toasts.get(i).topic().equals(topic)) {
                    toasts.remove(i);
                    break;
                }
            }
        }
        toasts.add(toast);
        while (toasts.size() > MAX_TOASTS) {
            toasts.removeFirst();
        }
        return toast;
    }

    /** Removes a toast (clicked, closed, or faded out); nothing if it is gone already. */
    public void dismiss(Toast toast) {
        toasts.remove(toast);
    }

    /** Removes the toast with this topic, if any. */
    public void dismissTopic(String topic) {
        toasts.removeIf(t -> t.topic().equals(topic));
    }

    /** Removes the newest toast, if any (the Escape key). */
    public void dismissNewest() {
        if (!toasts.isEmpty()) {
            toasts.removeLast();
        }
    }

    /** Removes every toast. */
    public void clear() {
        toasts.clear();
    }
}
