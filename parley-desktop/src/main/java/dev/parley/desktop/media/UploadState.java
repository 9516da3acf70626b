package dev.parley.desktop.media;

/**
 * Where one {@link Upload} stands. It starts {@link #UPLOADING} (the file is checked, then its bytes go to the server),
 * becomes {@link #SENDING} when every byte is up (the message waits for the server's receipt), and ends once:
 * {@link #SENT}, {@link #FAILED} (with a sentence) or {@link #CANCELLED}.
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
    CANCELLED;

    /** Whether this is an end state. */
    public boolean isFinished() {
        return this == SENT || this == FAILED || this == CANCELLED;
    }
}
