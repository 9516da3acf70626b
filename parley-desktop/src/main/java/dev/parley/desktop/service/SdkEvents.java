package dev.parley.desktop.service;

import dev.parley.client.ChatError;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ConnectionState;
import dev.parley.client.DisconnectReason;
import dev.parley.protocol.Frame;
import dev.parley.client.TextMessageEvent;
import java.time.Duration;

/**
 * Receives one session's SDK events on the SDK's event thread and replays each on the FX thread (through the
 * {@link FxBoundary}), in order, unless the session is no longer current by then.
 */
final class SdkEvents implements ChatEventHandler {
    private final FxBoundary fx;
    private final Session session;
    private final ChatService service;
    private final Messenger messenger;
    private final SessionNotices notices;
    private final DesktopAlerts alerts;

    SdkEvents(FxBoundary fx, Session session, ChatService service, Messenger messenger, SessionNotices notices,
              DesktopAlerts alerts) {
        this.alerts = alerts;
        this.fx = fx;
        this.session = session;
        this.service = service;
        this.messenger = messenger;
        this.notices = notices;
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
        onFx(() -> service.connectionChanged(state));
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

    @Override
    public void onTextMessage(TextMessageEvent message) {
        if (!Frame.SINGLE_CHAT.equals(message.chatType())) {
            return; // this window shows one-to-one conversations only (groups come with protocol v2 in the desktop)
        }
        onFx(() -> service.messageArrived(message));
    }

    @Override
    public void onReceivedMessage(String localId, String serverId) {
        onFx(() -> messenger.stored(localId, serverId));
    }

    @Override
    public void onDeliveredMessage(String serverId, String from) {
        onFx(() -> messenger.receipt(serverId, from, MessageStatus.DELIVERED));
    }

    @Override
    public void onReadMessage(String serverId, String from) {
        onFx(() -> messenger.receipt(serverId, from, MessageStatus.READ));
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
