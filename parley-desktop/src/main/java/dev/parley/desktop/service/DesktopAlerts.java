package dev.parley.desktop.service;

import dev.parley.client.TextMessageEvent;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * When the user is told of a message by a desktop notification (FX thread only): a message from someone else that
 * comes in live while the window does not have the focus and notifications are on. One notification a conversation,
 * replaced by the next. The messages of the sign-in's offline sync (the backlog) are counted instead, and told in one
 * summary ("5 new messages") when the sync ends. Turning notifications off takes effect at once. Notifications are
 * withdrawn when they are no longer news: the conversation's when it is opened, all of them when the window gets
 * the focus or the user signs out.
 */
final class DesktopAlerts {
    /** The key of the backlog's summary notification; user IDs never contain '*'. */
    static final String BACKLOG_KEY = "*backlog";

    private final Notifier notifier;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "notificationsEnabled", true);
    private final Set<String> backlogPeers = new LinkedHashSet<>();
    private boolean windowFocused = true;
    private boolean inBacklog;
    private int backlogCount;

    DesktopAlerts(Notifier notifier) {
        this.notifier = notifier;
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

    /** The user opened the conversation with {@code peer}: its notification is taken away. */
    void conversationOpened(String peer) {
        notifier.withdraw(peer);
    }

    private boolean wanted() {
        return enabled.get() && !windowFocused;
    }

    /** A message came in for {@code me}; {@code displayName} is the sender's nickname, {@code ""} when unknown. */
    void messageArrived(TextMessageEvent message, String me, String displayName) {
        String from = message.from().toLowerCase(Locale.ROOT);
        if (from.equals(me)) {
            return;
        }
        if (inBacklog) {
            backlogCount++;
            backlogPeers.add(from);
            return;
        }
        if (wanted()) {
            notifier.show(from, displayName.isBlank() ? from : displayName,
                    ConversationItem.previewOf(message.msg()));
        }
    }

    /** The offline sync began: its messages are counted, not notified one by one. */
    void backlogStarted() {
        inBacklog = true;
        backlogCount = 0;
        backlogPeers.clear();
    }

    /** The offline sync ended: one summary of it, if any message came and the user is away. */
    void backlogFinished() {
        inBacklog = false;
        if (backlogCount > 0 && wanted()) {
            String summary = backlogCount == 1 ? "1 new message" : backlogCount + " new messages";
            String peers = String.join(", ", backlogPeers);
            notifier.show(backlogPeers.size() == 1 ? backlogPeers.iterator().next() : BACKLOG_KEY, summary,
                    "from " + peers);
        }
        backlogCount = 0;
        backlogPeers.clear();
    }

    /** The session ended: nothing of it stays on screen. */
    void signedOut() {
        inBacklog = false;
        backlogCount = 0;
        backlogPeers.clear();
        notifier.withdrawAll();
    }
}
