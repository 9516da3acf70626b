package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * When the user is told of a message by a desktop notification (FX thread only): a message from someone else that
 * comes in live while the window does not have the focus and notifications are on. One notification a conversation,
 * replaced by the next. The messages of the sign-in's offline sync (the backlog) are counted instead, and told in one
 * summary ("5 new messages") when the sync ends. A notification's key names its conversation ({@link #keyOf}), so a
 * click opens it, one-to-one or group. Turning notifications off takes effect at once. Notifications are
 * withdrawn when they are no longer news: the conversation's when it is opened, all of them when the window gets
 * the focus or the user signs out.
 */
final class DesktopAlerts {
    /** The key of the backlog's summary notification; conversation keys never contain '*'. */
    static final String BACKLOG_KEY = "*backlog";

    private static final System.Logger LOG = System.getLogger(DesktopAlerts.class.getName());

    private final Notifier notifier;
    /** Told (on the FX thread) when a notification was clicked and its conversation opened. */
    private final List<Runnable> activationListeners = new CopyOnWriteArrayList<>();
    private AutoCloseable clicks = () -> { };
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "notificationsEnabled", true);
    private final Set<String> backlogPeers = new LinkedHashSet<>();
    /** The notification keys of the conversations the backlog's messages came in. */
    private final Set<String> backlogKeys = new LinkedHashSet<>();
    private boolean windowFocused = true;
    private boolean inBacklog;
    private int backlogCount;

    DesktopAlerts(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * Clicks on notifications come on the notifier's thread, and onto the FX thread here (the boundary's one way):
     * while signed in, the clicked notification's conversation opens ({@code open}) and the activation listeners
     * bring the window forward (the backlog's summary only brings it forward).
     */
    void handleClicks(FxBoundary fx, BooleanSupplier signedIn, Consumer<ConversationId> open) {
        clicks = notifier.onClicked(key -> fx.run(() -> {
            if (signedIn.getAsBoolean()) {
                conversationOf(key).ifPresent(open);
                activationListeners.forEach(Runnable::run);
            }
        }));
    }

    /** Adds a listener for clicked notifications; closing the handle removes it. */
    AutoCloseable onActivated(Runnable listener) {
        activationListeners.add(listener);
        return () -> activationListeners.remove(listener);
    }

    /** Stops listening for clicks (at exit). */
    void close() {
        try {
            clicks.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "notification click listener not removed: {0}", e.getMessage());
        }
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }

    /**
     * The window got ({@code true}) or lost the focus. Getting it takes every notification away: the user is looking
     * at the app, whose list shows what is unread.
     */
    void windowFocused(boolean focused) {
        boolean gained = focused && !windowFocused;
        windowFocused = focused;
        if (gained) {
            notifier.withdrawAll();
        }
    }

    /** The user opened {@code conversation}: its notification is taken away. */
    void conversationOpened(ConversationId conversation) {
        notifier.withdraw(keyOf(conversation));
    }

    /** The notification key of a conversation: the peer's user ID, or {@code group:} and the group's id. */
    static String keyOf(ConversationId conversation) {
        return conversation.chatType() == ChatType.GROUP ? "group:" + conversation.id() : conversation.id();
    }

    /** The conversation of a notification key; empty for the backlog's summary. */
    static Optional<ConversationId> conversationOf(String key) {
        if (key.equals(BACKLOG_KEY)) {
            return Optional.empty();
        }
        return Optional.of(key.startsWith("group:") ? ConversationId.group(key.substring("group:".length()))
                : ConversationId.single(key));
    }

    private boolean wanted() {
        return enabled.get() && !windowFocused;
    }

    /**
     * A message came in for the signed-in user (its sender's name in the item where known); {@code groupName} is its
     * group's name ({@code ""} one-to-one, or when not known): the title, with the sender before the text.
     */
    void messageArrived(MessageItem message, String groupName) {
        if (message.isMine() || message.isNote()) {
            return;
        }
        String from = message.senderLabel();
        if (inBacklog) {
            backlogCount++;
            backlogPeers.add(from);
            backlogKeys.add(keyOf(message.conversation()));
            return;
        }
        if (wanted()) {
            boolean group = message.conversation().chatType() == ChatType.GROUP;
            String line = ConversationItem.previewOf(message.text());
            notifier.show(keyOf(message.conversation()), group ? (groupName.isEmpty() ? "Group" : groupName) : from,
                    group ? from + ": " + line : line);
        }
    }

    /** The offline sync began: its messages are counted, not notified one by one. */
    void backlogStarted() {
        inBacklog = true;
        backlogCount = 0;
        backlogPeers.clear();
        backlogKeys.clear();
    }

    /** The offline sync ended: one summary of it, if any message came and the user is away. */
    void backlogFinished() {
        inBacklog = false;
        if (backlogCount > 0 && wanted()) {
            String summary = backlogCount == 1 ? "1 new message" : backlogCount + " new messages";
            String peers = String.join(", ", backlogPeers);
            notifier.show(backlogKeys.size() == 1 ? backlogKeys.iterator().next() : BACKLOG_KEY, summary,
                    "from " + peers);
        }
        backlogCount = 0;
        backlogPeers.clear();
        backlogKeys.clear();
    }

    /** The session ended: nothing of it stays on screen. */
    void signedOut() {
        inBacklog = false;
        backlogCount = 0;
        backlogPeers.clear();
        backlogKeys.clear();
        notifier.withdrawAll();
    }
}
