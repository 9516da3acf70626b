package dev.parley.desktop.media;

/**
 * Where one {@link Upload} stands. It starts {@link #UPLOADING} (the file is checked, then its bytes go to the server),
 * becomes {@link #SENDING} when every byte is up (the message waits for the server's receipt), and ends once:
 * {@link #SENT}, {@link #FAILED} (with a sentence), {@link #CANCELLED}, or {@link #QUEUED}: the connection was not
 * up (or messages written before it still waited), so it went to the app's outbox, which keeps a copy of the file,
 * shows it in the conversation as waiting and sends it when the connection is back, also after a restart.
 */
public enum UploadState {
    /** The file is being checked or its bytes are going up. */
    UPLOADING,
    /** The file is up; the message waits for the server's receipt. */
    SENDING,
    /** The server stored the message. */
    SENT,
    /** It could not be sent; {@link Upload#getError()} says why. */
    FAILED,
    /** The user cancelled it before it was sent. */
    CANCELLED,
    /** It waits in the app's outbox (the connection is not up); the conversation shows it. */
    QUEUED;

    /** Whether this is an end state. */
    public boolean isFinished() {
        return this == SENT || this == FAILED || this == CANCELLED || this == QUEUED;
    }
}
