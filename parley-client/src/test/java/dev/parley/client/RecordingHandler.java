package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records every event as a short line ("connected", "text:ID:FROM:MSG", "message:ID:TYPE", "recall:ID:FROM:singleChat/roy",
 * "disconnected:CONNECTION_LOST" …) together
 * with the thread it came on, so tests can wait for an event with a timeout and check order.
 */
final class RecordingHandler implements ChatEventHandler {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<TextMessageEvent> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<ReceivedMessage> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean recordsOnMessage;

    private void record(String event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    /** Waits for the next event starting with {@code prefix}, skipping others; returns it. */
    String await(String prefix) {
        return await(prefix, FakeTransport.WAIT);
    }

    String await(String prefix, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> skipped = new ArrayList<>();
        try {
            while (true) {
                String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(event).as("an event \"%s…\" within %s; saw %s", prefix, wait, skipped).isNotNull();
                if (event.startsWith(prefix)) {
                    return event;
                }
                skipped.add(event);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the next event starting with {@code prefix} and returns the events before it. */
    List<String> until(String prefix) {
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + FakeTransport.WAIT.toNanos();
        try {
            while (true) {
                String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(event).as("an event \"%s…\" within %s; saw %s", prefix, FakeTransport.WAIT, before)
                        .isNotNull();
                if (event.startsWith(prefix)) {
                    return before;
                }
                before.add(event);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The events so far that nobody awaited, in order, without waiting. */
    List<String> drain() {
        List<String> list = new ArrayList<>();
        events.drainTo(list);
        return list;
    }

    /** Whether an event starting with {@code prefix} arrives within {@code wait}. */
    boolean seesWithin(String prefix, Duration wait) {
        try {
            await(prefix, wait);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    @Override
    public void onConnected() {
        record("connected");
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        record("disconnected:" + reason);
    }

    @Override
    public void onReconnecting(int attempt, Duration delay) {
        record("reconnecting:" + attempt + ":" + delay.toMillis());
    }

    @Override
    public void onConnectionStateChanged(ConnectionState state) {
        record("state:" + state);
    }

    @Override
    public void onTextMessage(TextMessageEvent message) {
        messages.add(message);
        record("text:" + message.id() + ":" + message.from() + ":" + message.msg());
    }

    /** Records {@link #onMessage} too ("message:ID:TYPE[:recalled]"), which is raised before each typed callback. */
    RecordingHandler recordingOnMessage() {
        recordsOnMessage = true;
        return this;
    }

    @Override
    public void onMessage(ReceivedMessage message) {
        received.add(message);
        if (recordsOnMessage) {
            record("message:" + message.id() + ":" + message.msgType() + (message.isRecalled() ? ":recalled" : ""));
        }
    }

    @Override
    public void onImageMessage(ReceivedMessage message) {
        record("image:" + message.id() + ":" + message.content().summary());
    }

    @Override
    public void onFileMessage(ReceivedMessage message) {
        record("file:" + message.id() + ":" + message.content().summary());
    }

    @Override
    public void onCustomMessage(ReceivedMessage message) {
        record("custom:" + message.id() + ":" + message.content().summary());
    }

    @Override
    public void onRecallMessage(RecallEvent recall) {
        record("recall:" + recall.messageId() + ":" + recall.from() + ":" + conversation(recall.conversation()));
    }

    @Override
    public void onModifiedMessage(EditEvent edit) {
        record("edit:" + edit.messageId() + ":" + edit.text() + ":" + edit.editTime().toEpochMilli() + ":"
                + conversation(edit.conversation()));
    }

    @Override
    public void onChannelMessage(ChannelAckEvent ack) {
        record("channel:" + conversation(ack.conversation()) + ":" + ack.reader() + (ack.byMe() ? ":byMe" : ""));
    }

    @Override
    public void onTypingMessage(TypingEvent typing) {
        record("typing:" + conversation(typing.conversation()) + ":" + typing.from());
    }

    @Override
    public void onPresenceStatusChange(PresenceEvent presence) {
        record("presence:" + presence.user() + ":" + (presence.online() ? "online" : "offline") + ":"
                + presence.description());
    }

    @Override
    public void onGroupEvent(GroupEvent event) {
        record("group:" + event.groupId() + ":" + event.kind() + ":" + event.member() + ":" + event.by());
    }

    private static String conversation(ConversationId c) {
        return c.chatType().wire() + "/" + c.id();
    }

    @Override
    public void onReceivedMessage(String localId, String serverId) {
        record("received:" + localId + ":" + serverId);
    }

    @Override
    public void onDeliveredMessage(String serverId, String from) {
        record("delivered:" + serverId + ":" + from);
    }

    @Override
    public void onReadMessage(String serverId, String from) {
        record("read:" + serverId + ":" + from);
    }

    @Override
    public void onOfflineMessageSyncStart(int count) {
        record("syncStart:" + count);
    }

    @Override
    public void onOfflineMessageSyncFinish() {
        record("syncEnd");
    }

    @Override
    public void onTokenWillExpire() {
        record("tokenWillExpire");
    }

    @Override
    public void onTokenExpired() {
        record("tokenExpired");
    }

    @Override
    public void onError(ChatError error) {
        record("error:" + error.code() + ":" + error.message());
    }
}
