package dev.parley.client;

/**
 * Follows a file upload or download ({@link ChatClient#send(ChatMessage, TransferListener)},
 * {@link ChatManager#uploadFile}, {@link ChatManager#downloadFile}, {@link ChatManager#downloadThumbnail}).
 * <p>
 * Called on the client's event thread (the thread of {@link ChatEventHandler}), in order, at most about once per
 * percent (once per MiB when the size is unknown), and once more with the final count when the transfer succeeds.
 * An upload that has to start over (after a lost connection) counts from 0 again.
 */
@FunctionalInterface
public interface TransferListener {
    /** A listener that ignores progress. */
    TransferListener NONE = (transferred, total) -> { };

    /**
     * Progress so far.
     *
     * @param transferred the bytes of the file moved so far
     * @param total       the file's size in bytes, or -1 when the server did not say (a download without a length)
     */
    void onProgress(long transferred, long total);
}
