package dev.parley.desktop.chat;

import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.MessageItem;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The open conversation: its messages, older history on demand, the composer's draft (one per conversation, kept
 * when switching), sending and retrying. FX thread only.
 */
public final class ConversationViewModel {
    private final ChatService service;
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final Map<String, String> drafts = new HashMap<>();
    private final BooleanBinding hasConversation;
    private final BooleanBinding canSend;

    /** A view model over {@code service}. */
    public ConversationViewModel(ChatService service) {
        this.service = Objects.requireNonNull(service, "service");
        this.hasConversation = service.openPeerProperty().isNotEmpty();
        this.canSend = hasConversation.and(Bindings.createBooleanBinding(() -> !draft.get().isBlank(), draft));
        service.openPeerProperty().addListener((o, previous, next) -> {
            if (!previous.isEmpty()) {
                drafts.put(previous, draft.get());
            }
            draft.set(drafts.getOrDefault(next, ""));
        });
        service.signedInProperty().addListener((o, was, signedIn) -> {
            if (!signedIn) {
                drafts.clear();
                draft.set("");
            }
        });
    }

    /** The open conversation's messages, oldest first. */
    public ReadOnlyObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return service.messagesProperty();
    }

    /** The peer of the open conversation, {@code ""} for none. */
    public ReadOnlyStringProperty peerProperty() {
        return service.openPeerProperty();
    }

    public BooleanBinding hasConversationBinding() {
        return hasConversation;
    }

    /** The composer's text for the open conversation. */
    public StringProperty draftProperty() {
        return draft;
    }

    public BooleanBinding canSendBinding() {
        return canSend;
    }

    /** Whether older messages are being fetched (shown at the top of the list). */
    public ReadOnlyBooleanProperty loadingOlderProperty() {
        return service.loadingOlderProperty();
    }

    /** Sends the draft and clears it. */
    public void send() {
        if (canSend.get()) {
            service.send(draft.get());
            draft.set("");
        }
    }

    /** Sends a failed message again (the same local id). */
    public void retry(MessageItem message) {
        service.retry(message);
    }

    /** The user scrolled to the top: pages in older messages if there are any. */
    public void loadOlder() {
        service.loadOlderMessages();
    }

    /** Leaves the conversation (the narrow layout's back button). */
    public void close() {
        service.closeConversation();
    }
}
