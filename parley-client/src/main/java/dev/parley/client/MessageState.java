package dev.parley.client;

import java.util.Locale;

/**
 * Where a message stands on the server for its recipient, as the REST API reports it with history and the conversation
 * list ({@code status}: {@code pending}, {@code delivered}, {@code read}). States only move forwards.
 */
public enum MessageState {
    /** Stored; no device of the recipient has acknowledged it yet. */
    PENDING,
    /** A device of the recipient received it. */
    DELIVERED,
    /** The recipient read it. */
    READ;

    /** The state named {@code name} ({@code pending}, {@code delivered}, {@code read}; any case), else PENDING. */
    static MessageState parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "delivered" -> DELIVERED;
            default -> PENDING;
        };
    }
}
