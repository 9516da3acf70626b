package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToastCenterTest {
    private final ToastCenter toasts = new ToastCenter();

    @Test
    void toastsStackUpToTheLimitAndTheOldestGoes() {
        for (int i = 1; i <= ToastCenter.MAX_TOASTS + 2; i++) {
            toasts.show(ToastKind.INFO, "toast " + i);
        }
        assertThat(toasts.getToasts()).extracting(Toast::text)
                .containsExactly("toast 3", "toast 4", "toast 5");
        assertThat(ToastCenter.MAX_TOASTS).as("at most three banners").isEqualTo(3);
    }

    @Test
    void aToastOfTheSameTopicReplacesTheOldOne() {
        toasts.show(ToastKind.WARNING, ToastCenter.Topic.RECONNECT, "Reconnecting… (attempt 1)");
        toasts.show(ToastKind.ERROR, "unrelated");
        toasts.show(ToastKind.WARNING, ToastCenter.Topic.RECONNECT, "Reconnecting… (attempt 2)");
        assertThat(toasts.getToasts()).extracting(Toast::text)
                .containsExactly("unrelated", "Reconnecting… (attempt 2)");
        toasts.dismissTopic(ToastCenter.Topic.RECONNECT);
        assertThat(toasts.getToasts()).extracting(Toast::text).containsExactly("unrelated");
    }

    @Test
    void dismissingRemovesTheToastOrTheNewest() {
        Toast first = toasts.show(ToastKind.INFO, "first");
        toasts.show(ToastKind.INFO, "second");
        toasts.show(ToastKind.INFO, "third");
        toasts.dismiss(first);
        toasts.dismissNewest();
        assertThat(toasts.getToasts()).extracting(Toast::text).containsExactly("second");
    }
}
