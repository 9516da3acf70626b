package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ConversationItem;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The conversation list: one row per conversation (one-to-one and group chats mixed), newest first, and a field to
 * start a one-to-one chat. FX thread only.
 */
public final class ConversationListViewModel {
    private final ChatService service;
    private final StringProperty newChatPeer = new SimpleStringProperty(this, "newChatPeer", "");
    private final LiveViewModel live;

    /** A view model over {@code service}. */
    public ConversationListViewModel(ChatService service) {
        this.service = Objects.requireNonNull(service, "service");
        this.live = new LiveViewModel(service);
    }

    /** Typing and presence of the rows: "roy is typing…" in place of the preview, the online dot of a peer. */
    public LiveViewModel live() {
        return live;
    }

    /** The rows, newest first. */
    public ObservableList<ConversationItem> getConversations() {
        return service.getConversations();
    }

    /** The open conversation, {@code null} for none (the list selects that row). */
    public ReadOnlyObjectProperty<ConversationId> openConversationProperty() {
        return service.openConversationProperty();
    }

    /** The user id typed into the "new chat" field. */
    public StringProperty newChatPeerProperty() {
        return newChatPeer;
    }

    /**
     * Opens a conversation with the typed user id once the server confirmed the user (see
     * {@link ChatService#startConversation}), and clears the field; an unknown user leaves the field as typed.
     */
    public void startChat() {
        String typed = newChatPeer.get();
        service.startConversation(typed).thenAccept(opened -> {
            if (opened && newChatPeer.get().equals(typed)) {
                newChatPeer.set("");
            }
        });
    }

    /** Removes a row's conversation from the list (until a new message comes in). */
    public void remove(ConversationItem row) {
        if (row != null) {
            service.removeConversation(row.conversation());
        }
    }

    /** Pins a row's conversation to the top of the list, or unpins it (kept across restarts). */
    public void setPinned(ConversationItem row, boolean pinned) {
        if (row != null) {
            service.marks().setPinned(row.conversation(), pinned);
        }
    }

    /** Mutes a row's conversation (no desktop notifications, a grey badge), or unmutes it. */
    public void setMuted(ConversationItem row, boolean muted) {
        if (row != null) {
            service.marks().setMuted(row.conversation(), muted);
        }
    }

    /** Marks a row's conversation unread: its badge shows until it is opened again. */
    public void markUnread(ConversationItem row) {
        if (row != null) {
            service.marks().markUnread(row.conversation());
        }
    }

    /** Opens the conversation of a row; a {@code null} row (selection cleared) does nothing. */
    public void open(ConversationItem row) {
        if (row != null && !service.isOpen(row.conversation())) {
            service.openConversation(row.conversation());
        }
    }
}
