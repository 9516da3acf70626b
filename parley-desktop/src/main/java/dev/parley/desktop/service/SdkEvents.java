package dev.parley.desktop.service;

import dev.parley.client.ChannelAckEvent;
import dev.parley.client.ChatError;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ConnectionState;
import dev.parley.client.DisconnectReason;
import dev.parley.client.EditEvent;
import dev.parley.client.GroupEvent;
import dev.parley.client.PresenceEvent;
import dev.parley.client.RecallEvent;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TypingEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Receives one session's SDK events on the SDK's event thread and replays each on the FX thread (through the
 * {@link FxBoundary}), in order, unless the session is no longer current by then: messages of every kind
 * ({@link #onMessage}; text goes the same way), recalls, edits, group events, whole-conversation read marks,
 * receipts, the connection's state, the offline sync, the token's lifetime, and typing and presence (to the
 * {@link SessionExtras}).
 */
final class SdkEvents implements ChatEventHandler {
    private final FxBoundary fx;
    private final Session session;
    private final Consumer<ConnectionState> connection;
    private final Messenger messenger;
    private final ConversationBook book;
    private final SessionNotices notices;
    private final DesktopAlerts alerts;
    private final Clock clock;
    private final SessionExtras extras;

    SdkEvents(FxBoundary fx, Session session, Consumer<ConnectionState> connection, Messenger messenger,
              ConversationBook book, SessionNotices notices, DesktopAlerts alerts, Clock clock, SessionExtras extras) {
        this.fx = fx;
        this.session = session;
        this.connection = connection;
        this.messenger = messenger;
        this.book = book;
        this.notices = notices;
        this.alerts = alerts;
        this.clock = clock;
        this.extras = extras;
    }

    private void onFx(Runnable action) {
        fx.run(() -> {
            if (session.isCurrent()) {
                action.run();
            }
        });
    }

    @Override
    public void onConnectionStateChanged(ConnectionState state) {
        onFx(() -> {
            connection.accept(state);
            extras.connectionChanged(state);
        });
    }

    @Override
    public void onConnected() {
        onFx(() -> {
            notices.connected(session);
            messenger.connected();
        });
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        onFx(() -> notices.disconnected(reason));
    }

    @Override
    public void onReconnecting(int attempt, Duration delay) {
        onFx(() -> notices.reconnecting(attempt));
    }

    /** A message of any kind: the conversation's state, then (if the user is away) a desktop notification. */
    @Override
    public void onMessage(ReceivedMessage message) {
        onFx(() -> {
            messenger.incoming().message(message);
            extras.messageArrived(message);
            MessageItem item = book.named(MessageItem.fromServer(message, session.me()));
            if (!book.isMuted(item.conversation())) {
                alerts.messageArrived(item, book.groupName(item.conversationId()));
            }
        });
    }

    /** Someone types: the conversation's header and list row say so for 5 s. */
    @Override
    public void onTypingMessage(TypingEvent typing) {
        onFx(() -> extras.typing(typing));
    }

    @Override
    public void onPresenceStatusChange(PresenceEvent presence) {
        onFx(() -> extras.presenceChanged(presence));
    }

    @Override
    public void onRecallMessage(RecallEvent recall) {
        onFx(() -> messenger.incoming().recalled(recall));
    }

    @Override
    public void onModifiedMessage(EditEvent edit) {
        onFx(() -> messenger.incoming().edited(edit));
    }

    @Override
    public void onGroupEvent(GroupEvent event) {
        onFx(() -> messenger.incoming().groupEvent(event, clock.instant()));
    }

    @Override
    public void onChannelMessage(ChannelAckEvent ack) {
        onFx(() -> messenger.incoming().conversationRead(ack));
    }

    @Override
    public void onReceivedMessage(String localId, String serverId) {
        onFx(() -> messenger.stored(localId, serverId));
    }

    @Override
    public void onDeliveredMessage(String serverId, String from) {
        onFx(() -> messenger.incoming().receipt(serverId, from, MessageStatus.DELIVERED));
    }

    @Override
    public void onReadMessage(String serverId, String from) {
        onFx(() -> messenger.incoming().receipt(serverId, from, MessageStatus.READ));
    }

    @Override
    public void onOfflineMessageSyncStart(int count) {
        onFx(() -> {
            alerts.backlogStarted();
            notices.offlineSync(true, count);
        });
    }

    @Override
    public void onOfflineMessageSyncFinish() {
        onFx(() -> {
            notices.offlineSync(false, 0);
            alerts.backlogFinished();
        });
    }

    @Override
    public void onTokenWillExpire() {
        onFx(() -> notices.tokenWillExpire(session));
    }

    @Override
    public void onTokenExpired() {
        onFx(() -> notices.tokenExpired(session));
    }

    @Override
    public void onError(ChatError error) {
        onFx(() -> notices.error(error, session));
    }
}
