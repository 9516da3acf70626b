package dev.parley.desktop.media;

import dev.parley.client.ConversationId;
import dev.parley.client.SendReceipt;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One image or file on its way to a conversation, as the composer shows it: its name, its progress (0 to 1), its
 * {@link UploadState} and, when it failed, a sentence. {@link #cancel()} stops it. Made by {@link AttachmentSender}.
 * <p>
 * Threading: FX thread only (the sender moves the SDK's callbacks onto it).
 */
public final class Upload {
    private final ConversationId conversation;
    private final String name;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<UploadState> state =
            new ReadOnlyObjectWrapper<>(this, "state", UploadState.UPLOADING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private boolean image;
    private CompletableFuture<SendReceipt> sending;
    private String serverId = "";

    Upload(ConversationId conversation, String name) {
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The conversation it goes to. */
    public ConversationId conversation() {
        return conversation;
    }

    /** The file's name, as the recipients see it. */
    public String name() {
        return name;
    }

    /** Whether it goes as an image (known once the file was checked). */
    public boolean isImage() {
        return image;
    }

    /** The share of bytes uploaded, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    /** Where it stands. */
    public ReadOnlyObjectProperty<UploadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public UploadState getState() {
        return state.get();
    }

    /** Why it failed, a sentence; empty unless {@link UploadState#FAILED}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** The server's id of the message once {@link UploadState#SENT}. */
    public Optional<String> serverId() {
        return serverId.isEmpty() ? Optional.empty() : Optional.of(serverId);
    }

    /**
     * Stops it: the upload ends, the message is taken out of the outbox and the state becomes
     * {@link UploadState#CANCELLED}. Nothing once it has ended. (Once the message's frame was written the server may
     * still store it; the SDK's {@code send} says so.)
     */
    public void cancel() {
        if (getState().isFinished()) {
            return;
        }
        if (sending != null) {
            sending.cancel(true); // the completion handler below ends it as cancelled
        } else {
            end(UploadState.CANCELLED);
        }
    }

    /** The file was checked: it goes as an image or a file. */
    void kind(boolean asImage) {
        image = asImage;
    }

    /** The SDK took the message; its future settles this upload (on {@code fx}), then {@code onEnd} runs. */
    void sending(CompletableFuture<SendReceipt> future, Executor fx, Runnable onEnd) {
        sending = future;
        future.whenComplete((receipt, failure) -> fx.execute(() -> {
            if (failure == null) {
                serverId = receipt.serverId();
                progress.set(1);
                end(UploadState.SENT);
            } else if (failure instanceof CancellationException || future.isCancelled()) {
                end(UploadState.CANCELLED);
            } else {
                fail(MediaErrors.describeUpload(failure, name));
            }
            onEnd.run();
        }));
    }

    /** Bytes went up: {@code sent} of {@code total}. */
    void progress(long sent, long total) {
        if (getState() != UploadState.UPLOADING || total <= 0) {
            return;
        }
        progress.set(Math.min(1, (double) sent / total));
        if (sent >= total) {
            state.set(UploadState.SENDING);
        }
    }

    /** It was handed to the app's outbox, where it waits. */
    void queued() {
        end(UploadState.QUEUED);
    }

    /** It failed with {@code sentence}. */
    void fail(String sentence) {
        if (!getState().isFinished()) {
            error.set(sentence);
            end(UploadState.FAILED);
        }
    }

    private void end(UploadState end) {
        if (!getState().isFinished()) {
            state.set(end);
        }
    }
}
