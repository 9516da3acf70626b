package dev.parley.desktop.chat;

import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ConversationItem;
import dev.parley.desktop.service.MessageItem;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
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
    private final IntegerBinding draftBytes;
    private final BooleanBinding tooLong;
    private final StringBinding limitText;
    private final StringBinding peerName;
    private final StringBinding titleBinding;
    private final StringBinding idBinding;

    /** A view model over {@code service}. */
    public ConversationViewModel(ChatService service) {
        this.service = Objects.requireNonNull(service, "service");
        this.hasConversation = service.openPeerProperty().isNotEmpty();
        this.draftBytes = Bindings.createIntegerBinding(() -> ChatService.messageBytes(draft.get()), draft);
        this.tooLong = draftBytes.greaterThan(ChatService.MAX_MESSAGE_BYTES);
        this.limitText = Bindings.createStringBinding(() -> limitText(draftBytes.get()), draftBytes);
        this.peerName = Bindings.createStringBinding(() -> service.getConversations().stream()
                .filter(row -> row.peer().equals(service.getOpenPeer())).findFirst()
                .map(ConversationItem::name).orElse(""), service.openPeerProperty(), service.getConversations());
        this.titleBinding = Bindings.createStringBinding(
                () -> peerName.get().isEmpty() ? service.getOpenPeer() : peerName.get(), peerName,
                service.openPeerProperty());
        this.idBinding = Bindings.createStringBinding(
                () -> peerName.get().isEmpty() ? "" : service.getOpenPeer(), peerName, service.openPeerProperty());
        this.canSend = hasConversation.and(Bindings.createBooleanBinding(() -> !draft.get().isBlank(), draft))
                .and(tooLong.not());
        draft.addListener((o, old, text) -> {
            if (!text.isEmpty()) {
                service.userActive();
            }
        });
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

    /**
     * The open conversation's peer by display name (nickname) when the server told it, else by user ID; the header
     * shows it with {@link #peerIdBinding()} beside it, as the conversation list does.
     */
    public StringBinding peerTitleBinding() {
        return titleBinding;
    }

    /** The open peer's user ID when {@link #peerTitleBinding()} shows a display name, {@code ""} otherwise. */
    public StringBinding peerIdBinding() {
        return idBinding;
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

    /** Whether the draft is over the server's limit (5 KB of UTF-8): it cannot be sent, and is kept. */
    public BooleanBinding tooLongBinding() {
        return tooLong;
    }

    /**
     * The limit while typing: {@code ""} for a short draft; from {@value #SHOW_LIMIT_FROM} bytes on, how many of the
     * 5,120 bytes it takes; over the limit, that it is too long to send.
     */
    public StringBinding limitTextBinding() {
        return limitText;
    }

    /** Sends the draft and clears it; a draft that cannot be sent (too long) stays as it is. */
    public void send() {
        if (canSend.get() && service.send(draft.get())) {
            draft.set("");
        }
    }

    /** From this many bytes on, the composer shows how much of the limit the draft takes. */
    static final int SHOW_LIMIT_FROM = 4_096;

    static String limitText(int bytes) {
        int max = ChatService.MAX_MESSAGE_BYTES;
        if (bytes > max) {
            return String.format(Locale.ROOT, "Message: %,d of %,d bytes, too long to send. Shorten it by %,d.",
                    bytes, max, bytes - max);
        }
        return bytes >= SHOW_LIMIT_FROM ? String.format(Locale.ROOT, "Message: %,d of %,d bytes", bytes, max) : "";
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
