package dev.parley.desktop.service;

import java.util.function.Consumer;

/** The {@link Notifier} that shows nothing, for a system without a notification service. */
enum NoNotifier implements Notifier {
    INSTANCE;

    @Override
    public void show(String key, String summary, String body) {
    }

    @Override
    public void withdraw(String key) {
    }

    @Override
    public void withdrawAll() {
    }

    @Override
    public AutoCloseable onClicked(Consumer<String> listener) {
        return () -> { };
    }

    @Override
    public void close() {
    }
}
