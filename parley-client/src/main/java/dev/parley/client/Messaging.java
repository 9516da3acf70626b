package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Messages in both directions: the {@link Outbox} of sends waiting for their receipt (with their timeouts), and the
 * incoming messages, each acknowledged to the server and raised to the application once ({@link RecentIds}). Used on
 * the client's loop thread only; frames go out through the session's writer, which drops them while no link is up.
 */
final class Messaging {
    /** How many recent server ids are remembered to raise a message pushed twice only once. */
    static final int RECENT_IDS = 10_000;

    private final ScheduledExecutorService loop;
    private final Duration sendTimeout;
    private final EventDispatcher events;
    private final Consumer<Frame.ClientFrame> write;
    private final Outbox outbox = new Outbox();
    private final RecentIds seen = new RecentIds(RECENT_IDS);

    Messaging(ScheduledExecutorService loop, Duration sendTimeout, EventDispatcher events,
              Consumer<Frame.ClientFrame> write) {
        this.loop = loop;
        this.sendTimeout = sendTimeout;
        this.events = events;
        this.write = write;
    }

    /**
     * Sends a message now if {@code connected}, else keeps it for {@link #resendAll()}; its timeout starts now. The same
     * message while it still waits is not sent again: the future follows the first send's.
     */
    void send(TextMessage message, CompletableFuture<SendReceipt> future, boolean connected) {
        var waiting = outbox.futureOf(message.localId());
        if (waiting.isPresent()) {
            waiting.get().whenComplete((receipt, failure) -> {
                if (failure != null) {
                    Completions.fail(future, failure instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : failure);
                } else {
                    Completions.succeed(future, receipt);
                }
            });
            return;
        }
        String localId = message.localId();
        ScheduledFuture<?> timer = loop.schedule(() -> outbox.fail(localId, new ChatException(ErrorCode.TIMEOUT,
                "no receipt within " + sendTimeout.toMillis() + " ms")), sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        outbox.add(message, future, timer);
        if (connected) {
            write.accept(sendFrame(message));
        }
    }

    /** After a (re)login: sends every waiting message again, oldest first, with its local id. */
    void resendAll() {
        for (TextMessage message : outbox.messages()) {
            write.accept(sendFrame(message));
        }
    }

    /** The server stored a message; raised even if its send already timed out (it did get through). */
    void receipt(Frame.Receipt receipt) {
        outbox.receipt(receipt.localId(), receipt.id(), receipt.time());
        events.fire(h -> h.onReceivedMessage(receipt.localId(), receipt.id()));
    }

    /** The server refused the message with this local id. */
    void refused(String localId, ChatException failure) {
        outbox.fail(localId, failure);
    }

    /** Fails every waiting message (the session ended). */
    void failAll(ChatException failure) {
        outbox.failAll(failure);
    }

    /**
     * A message arrived for {@code me}: acknowledged at once so the server stops keeping it (unless it is a copy of
     * one {@code me} sent from another device, which is not {@code me}'s to acknowledge), and raised once per id.
     */
    void received(Frame.Message m, String me) {
        if (m.to().equalsIgnoreCase(me)) {
            write.accept(new Frame.Delivered(m.id()));
        }
        if (seen.add(m.id())) {
            TextMessageEvent event = new TextMessageEvent(m.id(), m.from(), m.to(), m.chatType().wire(), m.msg(),
                    Instant.ofEpochMilli(m.time()), m.ext());
            events.fire(h -> h.onTextMessage(event));
        }
    }

    private static Frame.Send sendFrame(TextMessage m) {
        return new Frame.Send(m.localId(), m.to(), Frame.SINGLE_CHAT, Frame.TEXT, m.text(), m.ext());
    }
}
