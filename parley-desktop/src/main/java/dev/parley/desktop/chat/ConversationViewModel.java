package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ConversationItem;
import dev.parley.desktop.service.MessageItem;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The open conversation (one-to-one or group): its messages, older history on demand, the composer's draft (one per
 * conversation, kept when switching), sending and retrying, and what a message's context menu does: reply (a reply
 * bar above the composer until sent or cancelled), edit (the composer takes the text; sending saves it), recall, and
 * jumping to a reply's original. FX thread only.
 */
public final class ConversationViewModel {
    private final ChatService service;
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final Map<ConversationId, String> drafts = new HashMap<>();
    /** The message being replied to, {@code null} when none. */
    private final ReadOnlyObjectWrapper<MessageItem> replyingTo = new ReadOnlyObjectWrapper<>(this, "replyingTo");
    /** The message being edited, {@code null} when none. */
    private final ReadOnlyObjectWrapper<MessageItem> editing = new ReadOnlyObjectWrapper<>(this, "editing");
    /** Whether the draft is being put back or cleared by the app (another conversation opened), not typed. */
    private boolean restoringDraft;
    /** The draft kept aside while a message is edited. */
    private String draftBeforeEdit = "";
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
        this.hasConversation = service.openConversationProperty().isNotNull();
        this.draftBytes = Bindings.createIntegerBinding(() -> ChatService.messageBytes(draft.get()), draft);
        this.tooLong = draftBytes.greaterThan(ChatService.MAX_MESSAGE_BYTES);
        this.limitText = Bindings.createStringBinding(() -> limitText(draftBytes.get()), draftBytes);
        this.peerName = Bindings.createStringBinding(() -> openRow().map(ConversationItem::name).orElse(""),
                service.openConversationProperty(), service.getConversations());
        this.titleBinding = Bindings.createStringBinding(() -> peerName.get().isEmpty()
                ? service.getOpenConversation().map(ConversationId::id).orElse("") : peerName.get(), peerName,
                service.openConversationProperty());
        this.idBinding = Bindings.createStringBinding(() -> peerName.get().isEmpty() || isGroup() ? ""
                : service.getOpenConversation().map(ConversationId::id).orElse(""), peerName,
                service.openConversationProperty());
        this.canSend = hasConversation.and(Bindings.createBooleanBinding(() -> !draft.get().isBlank(), draft))
                .and(tooLong.not());
        draft.addListener((o, old, text) -> {
            if (!text.isEmpty()) {
                service.userActive();
            }
        });
        service.openConversationProperty().addListener((o, previous, next) -> {
            cancelReplyAndEdit();
            if (previous != null) {
                drafts.put(previous, draft.get());
            }
            restoringDraft = true;
            draft.set(next == null ? "" : drafts.getOrDefault(next, ""));
            restoringDraft = false;
        });
        service.signedInProperty().addListener((o, was, signedIn) -> {
            if (!signedIn) {
                cancelReplyAndEdit();
                drafts.clear();
                draft.set("");
            }
        });
    }

    private Optional<ConversationItem> openRow() {
        return service.getOpenConversation().flatMap(open -> service.getConversations().stream()
                .filter(row -> row.conversation().equals(open)).findFirst());
    }

    /** A user's display name, else the user ID (a quote's sender). */
    public String displayName(String user) {
        return service.displayName(user);
    }

    /** Whether the open conversation is a group (its messages show their senders). */
    public boolean isGroup() {
        return service.getOpenConversation().map(c -> c.chatType() == dev.parley.protocol.ChatType.GROUP)
                .orElse(false);
    }

    /** The open conversation's messages, oldest first. */
    public ReadOnlyObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return service.messagesProperty();
    }

    /** The open conversation, {@code null} for none. */
    public ReadOnlyObjectProperty<ConversationId> conversationProperty() {
        return service.openConversationProperty();
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

    /** Whether a change of the draft now is the app's (another conversation's draft put back), not the user's. */
    public boolean isRestoringDraft() {
        return restoringDraft;
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

    /**
     * Whether the list shows a window far back, apart from the newest messages (after a jump to a search result or a
     * reply's original): the "Jump to latest" button shows then.
     */
    public ReadOnlyBooleanProperty detachedProperty() {
        return service.timeline().detachedProperty();
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

    /**
     * Sends the draft and clears it: as a reply while one is being written, as the new text of the message being
     * edited while editing; a draft that cannot be sent (too long) stays as it is.
     */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        MessageItem edited = editing.get();
        if (edited != null) {
            String text = draft.get();
            service.actions().edit(edited, text).thenAccept(saved -> {
                if (saved && editing.get() == edited) {
                    editing.set(null);
                    draft.set(draftBeforeEdit);
                }
            });
            return;
        }
        MessageItem original = replyingTo.get();
        boolean sent = original == null ? service.send(draft.get()) : service.actions().reply(draft.get(), original);
        if (sent) {
            replyingTo.set(null);
            draft.set("");
        }
    }

    // ---- reply, edit, recall -------------------------------------------------------------------------------------

    /** The message being replied to ({@code null}: none); the reply bar shows it. */
    public ReadOnlyObjectProperty<MessageItem> replyingToProperty() {
        return replyingTo.getReadOnlyProperty();
    }

    /** The message being edited ({@code null}: none); the composer holds its text meanwhile. */
    public ReadOnlyObjectProperty<MessageItem> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Whether {@code message} can be replied to: a message the server has, not recalled. */
    public boolean canReply(MessageItem message) {
        return message != null && !message.serverId().isEmpty() && !message.isNote() && !message.isRecalled();
    }

    /** Whether {@code message} can be edited (the user's own text message). */
    public boolean canEdit(MessageItem message) {
        return message != null && service.actions().canEdit(message);
    }

    /** Whether {@code message} can be recalled now (the user's own, within the server's window). */
    public boolean canRecall(MessageItem message) {
        return message != null && service.actions().canRecall(message);
    }

    /** Starts a reply to {@code message} (an edit in progress ends). */
    public void reply(MessageItem message) {
        if (canReply(message)) {
            cancelEdit();
            replyingTo.set(message);
        }
    }

    /** Starts editing {@code message}: the composer takes its text (the draft is kept aside until done). */
    public void edit(MessageItem message) {
        if (canEdit(message)) {
            replyingTo.set(null);
            if (editing.get() == null) {
                draftBeforeEdit = draft.get();
            }
            editing.set(message);
            draft.set(message.text());
        }
    }

    /** Recalls {@code message}; a refusal is told in a toast. */
    public void recall(MessageItem message) {
        if (canRecall(message)) {
            service.actions().recall(message);
        }
    }

    /** Escape in the composer: ends a reply or an edit; whether there was one. */
    public boolean cancelReplyAndEdit() {
        boolean any = replyingTo.get() != null || editing.get() != null;
        replyingTo.set(null);
        cancelEdit();
        return any;
    }

    private void cancelEdit() {
        if (editing.get() != null) {
            editing.set(null);
            draft.set(draftBeforeEdit);
        }
    }

    /**
     * Finds a message ({@code serverId}: a reply's original, a search result) in the open conversation: one not paged
     * in is shown in a window of the history around it, detached from the newest messages; completes on the FX thread
     * with it, or empty when it cannot be found.
     */
    public CompletableFuture<Optional<MessageItem>> findOriginal(String serverId) {
        return service.actions().reveal(serverId);
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
        service.timeline().loadOlder();
    }

    /** The user scrolled to the end of a window far back: pages in newer messages (nothing when not detached). */
    public void loadNewer() {
        service.timeline().loadNewer();
    }

    /** "Jump to latest" (Ctrl+End): the newest messages again, instead of a window far back. */
    public void jumpToLatest() {
        service.timeline().jumpToLatest();
    }

    /** Leaves the conversation (the narrow layout's back button). */
    public void close() {
        service.closeConversation();
    }
}
