package dev.parley.desktop.service;

import java.time.Duration;

/** How a toast looks and how long it stays. */
public enum ToastKind {
    /** Something the user may like to know (connected). */
    INFO(Duration.ofSeconds(4)),
    /** Something that worked (session renewed). */
    SUCCESS(Duration.ofSeconds(4)),
    /** Something to watch (disconnected, reconnecting, the session ends soon). */
    WARNING(Duration.ofSeconds(7)),
    /** Something that failed, as a sentence. */
    ERROR(Duration.ofSeconds(8));

    private final Duration lifetime;

    ToastKind(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** How long a toast of this kind stays before it fades out. */
    public Duration lifetime() {
        return lifetime;
    }
}
