package dev.parley.desktop.service;

import java.util.Objects;

/**
 * A short notice shown as a banner in the window's top-right corner. Toasts stack, fade out after
 * {@link ToastKind#lifetime()}, and can be dismissed.
 *
 * @param id    unique within a {@link ToastCenter}, increasing
 * @param kind  how it looks and how long it stays
 * @param topic a toast with the same non-empty topic replaces this one (for example the reconnect attempts)
 * @param text  a sentence for the user
 */
public record Toast(long id, ToastKind kind, String topic, String text) {
    /** Checks that no component is null. */
    public Toast {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(text, "text");
    }
}
