package dev.parley.desktop.service;

/**
 * Where a message stands. An outgoing message goes {@code SENDING → SENT → DELIVERED → READ}, or to {@code FAILED}
 * (from which a retry takes it back to {@code SENDING}); it never moves backwards, because receipts may arrive in
 * any order. Incoming messages are {@code DELIVERED} (this client acknowledged them) or {@code READ}.
 */
public enum MessageStatus {
    /** Handed to the SDK; no receipt from the server yet. */
    SENDING,
    /** The server stored it. */
    SENT,
    /** The recipient's device received it. */
    DELIVERED,
    /** The recipient read it. */
    READ,
    /** The server refused it or it timed out; it can be retried. */
    FAILED;

    /**
     * Whether a message in this state may move to {@code next}: forwards only, {@code FAILED} only from
     * {@code SENDING}, and out of {@code FAILED} to anything else (a retry, or a receipt that came after a timeout).
     */
    public boolean canBecome(MessageStatus next) {
        if (this == FAILED) {
            return next != FAILED;
        }
        if (next == FAILED) {
            return this == SENDING;
        }
        return next.ordinal() > ordinal();
    }
}
