package dev.parley.desktop.view;

import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.Toast;
import java.util.Objects;
import javafx.collections.ObservableList;

/** The toasts to show, oldest first, and dismissing them. FX thread only. */
public final class ToastsViewModel {
    private final ChatService service;

    /** A view model over the service's toasts. */
    public ToastsViewModel(ChatService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public ObservableList<Toast> getToasts() {
        return service.getToasts();
    }

    /** Removes a toast (clicked, closed with ×, or faded out). */
    public void dismiss(Toast toast) {
        service.toasts().dismiss(toast);
    }

    /** Removes the newest toast (Escape); whether there was one. */
    public boolean dismissNewest() {
        if (service.getToasts().isEmpty()) {
            return false;
        }
        service.toasts().dismissNewest();
        return true;
    }
}
