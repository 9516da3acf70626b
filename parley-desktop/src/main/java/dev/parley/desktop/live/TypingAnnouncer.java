package dev.parley.desktop.live;

import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.TypingThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tells the other members of a conversation that this user is typing in its composer: one typing indication
 * ({@code chatManager().sendTyping}) when typing starts, then at most one every {@link #INTERVAL} while it goes on
 * (the SDK's {@link TypingThrottle}, with the desktop's interval), never for an empty composer and never while not
 * connected. An indication lasts 5 s on the other side, so one every 3 s keeps "typing…" showing without a gap.
 * Emptying the composer (the message was sent, or the text deleted) ends the typing: the next keystroke announces at
 * once. Typing is best effort: a failed indication is logged at DEBUG and forgotten.
 * <p>
 * One per signed-in session. Threading: call it on the FX thread; the sends complete on the SDK's threads and touch
 * nothing here.
 */
public final class TypingAnnouncer {
    /** The least time between two typing indications to one conversation. */
    public static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final System.Logger LOG = System.getLogger(TypingAnnouncer.class.getName());

    private final ChatClient client;
    private final TypingThrottle throttle;

    /**
     * @param client the session's client
     * @param clock  the time (the system clock in the app; a clock the test moves in tests)
     */
    public TypingAnnouncer(ChatClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clock, "clock");
        this.throttle = new TypingThrottle(INTERVAL, () -> nanos(clock.instant()));
    }

    /**
     * The composer of {@code conversation} now holds {@code text} (call on every change of its text).
     *
     * @return whether a typing indication went out
     */
    public boolean composerChanged(ConversationId conversation, String text) {
        Objects.requireNonNull(conversation, "conversation");
        if (text.isBlank()) {
            throttle.clear();
            return false;
        }
        if (client.connectionState() != ConnectionState.CONNECTED || !throttle.tryAcquire(conversation)) {
            return false;
        }
        client.chatManager().sendTyping(conversation.chatType(), conversation.id()).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "typing indication to {0} failed: {1}", conversation, failure);
            }
        });
        return true;
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
