package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.media.AttachmentSender;
import dev.parley.desktop.media.ClipboardPaste;
import dev.parley.desktop.media.FileActions;
import dev.parley.desktop.media.MediaCache;
import dev.parley.desktop.media.Upload;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.SignInKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.input.Clipboard;

/**
 * Images and files in the open conversation, over the current sign-in's {@link SignInKit}: sending files (the attach
 * button's chooser, a drop), pasting a picture or files (Ctrl+V), the uploads under way, and what the image and file
 * bubbles of the timeline download through ({@link #cache()}) and save or open with ({@link #fileActions()}).
 * <p>
 * Threading: FX thread only.
 */
public final class MediaViewModel {
    /** The directory of pasted pictures until they are sent, inside the media cache's. */
    static final String PASTED = "pasted";

    private final ChatService service;
    private final FileActions fileActions;

    /**
     * A view model over {@code service}.
     *
     * @param fileActions the save dialog and the system's opener ({@code FileActions.system(hostServices)} in the app)
     */
    public MediaViewModel(ChatService service, FileActions fileActions) {
        this.service = Objects.requireNonNull(service, "service");
        this.fileActions = Objects.requireNonNull(fileActions, "fileActions");
    }

    /** The current sign-in's kit ({@code null} while signed out): its sender's uploads are shown above the composer. */
    public ReadOnlyObjectProperty<SignInKit> kitProperty() {
        return service.extras().kitProperty();
    }

    /** The open conversation, empty when none is open (where drops and pastes go). */
    public Optional<ConversationId> openConversation() {
        return service.getOpenConversation();
    }

    /**
     * Sends {@code files} to the open conversation, each an upload of its own: images as images, others as files.
     *
     * @return the uploads started; none without an open conversation or a sign-in
     */
    public List<Upload> attach(List<Path> files) {
        Optional<AttachmentSender> sender = sender();
        Optional<ConversationId> to = openConversation();
        if (sender.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        return files.stream().map(file -> sender.get().send(to.get(), file)).toList();
    }

    /**
     * Ctrl+V in the composer: sends the clipboard's files, or its picture as a PNG, to the open conversation.
     *
     * @return whether something was sent; false leaves the paste (text) to the composer
     */
    public boolean paste(Clipboard clipboard) {
        Optional<SignInKit> kit = service.extras().kit();
        Optional<ConversationId> to = openConversation();
        if (kit.isEmpty() || to.isEmpty() || !(clipboard.hasFiles() || clipboard.hasImage())) {
            return false;
        }
        Path pasted = kit.get().media().directory().resolve(PASTED);
        return !new ClipboardPaste(kit.get().attachments(), pasted).paste(clipboard, to.get()).isEmpty();
    }

    /** The current sign-in's media cache, {@code null} while signed out. */
    public MediaCache cache() {
        return service.extras().kit().map(SignInKit::media).orElse(null);
    }

    /** The save dialog and the system's opener. */
    public FileActions fileActions() {
        return fileActions;
    }

    private Optional<AttachmentSender> sender() {
        return service.extras().kit().map(SignInKit::attachments);
    }
}
