package dev.parley.desktop.service;

/**
 * Where a message stands. An outgoing message goes {@code WAITING → SENDING → SENT → DELIVERED → READ}, back from
 * {@code SENDING} to {@code WAITING} when the connection fails it (it goes out again when the connection is back), or
 * to {@code FAILED} when it can never succeed (from which a retry takes it back); otherwise it never moves backwards,
 * because receipts may arrive in any order. Incoming messages are {@code DELIVERED} (this client acknowledged them) or
 * {@code READ}.
 */
public enum MessageStatus {
    /** In the outbox, waiting for the connection (kept across restarts). */
    WAITING,
    /** Handed to the SDK; no receipt from the server yet. */
    SENDING,
    /** The server stored it. */
    SENT,
    /** The recipient's device received it. */
    DELIVERED,
    /** The recipient read it. */
    READ,
    /** The server refused it for good (no such user, too long, invalid); it can be retried. */
    FAILED;

    /**
     * Whether a message in this state may move to {@code next}: forwards only, {@code FAILED} only from
     * {@code WAITING} or {@code SENDING}, {@code WAITING} only from {@code SENDING}, and out of {@code FAILED} to
     * anything else (a retry, or a receipt that came late).
     */
    public boolean canBecome(MessageStatus next) {
        if (this == FAILED) {
            return next != FAILED;
        }
        if (next == FAILED) {
            return this == SENDING || this == WAITING;
        }
        if (next == WAITING) {
            return this == SENDING;
        }
        return next.ordinal() > ordinal();
    }
}
