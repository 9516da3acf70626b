package dev.parley.desktop.live;

import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TypingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who is typing in each conversation, from the SDK's {@link TypingEvent}s: an entry lasts
 * {@link TypingEvent#VALIDITY} (5 s) after that user's last event, and ends earlier when a message from them arrives
 * in that conversation. Each conversation has a text property ({@link #textProperty}) that a header or a list cell
 * binds to: "roy is typing…", "roy and amy are typing…", "3 people are typing…", or {@code ""}.
 * <p>
 * One per signed-in session; feed it every typing event ({@link #typing}) and every message ({@link #messageArrived}).
 * Threading: FX thread only (events come through the service's switch to it); the expiry timers are the injected
 * {@link FxScheduler}'s.
 */
public final class TypingTracker {
    private final String me;
    private final Function<String, String> displayName;
    private final FxScheduler scheduler;
    /** Per conversation, who types (lower-case user id, in the order they started) and when that ends. */
    private final Map<ConversationId, LinkedHashMap<String, Entry>> typing = new HashMap<>();
    private final Map<ConversationId, ReadOnlyStringWrapper> texts = new HashMap<>();

    private record Entry(String user, FxScheduler.Scheduled expiry) {
    }

    /**
     * @param me          this session's user, whose own typing (from another device) is not shown
     * @param displayName a user id's display name (their nickname, or the id itself)
     * @param scheduler   the timers of expiry
     */
    public TypingTracker(String me, Function<String, String> displayName, FxScheduler scheduler) {
        this.me = Objects.requireNonNull(me, "me");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Someone is typing: shown for 5 s from now, unless another event or their message comes first. */
    public void typing(TypingEvent event) {
        if (event.from().equalsIgnoreCase(me)) {
            return;
        }
        String key = event.from().toLowerCase(Locale.ROOT);
        LinkedHashMap<String, Entry> who = typing.computeIfAbsent(event.conversation(), c -> new LinkedHashMap<>());
        Entry old = who.get(key);
        if (old != null) {
            old.expiry().cancel();
        }
        FxScheduler.Scheduled expiry = scheduler.schedule(TypingEvent.VALIDITY,
                () -> stopped(event.conversation(), key));
        who.put(key, new Entry(event.from(), expiry)); // an existing key keeps its place
        update(event.conversation());
    }

    /** A message arrived: its sender has stopped typing in its conversation. */
    public void messageArrived(ReceivedMessage message) {
        stopped(message.conversation(me), message.from().toLowerCase(Locale.ROOT));
    }

    /** The users typing in {@code conversation} now (their ids as the events gave them), in the order they began. */
    public List<String> typingIn(ConversationId conversation) {
        LinkedHashMap<String, Entry> who = typing.get(conversation);
        return who == null ? List.of() : who.values().stream().map(Entry::user).toList();
    }

    /** What is shown for {@code conversation}: "roy is typing…" and so on, {@code ""} when nobody types. */
    public ReadOnlyStringProperty textProperty(ConversationId conversation) {
        return texts.computeIfAbsent(conversation, c -> new ReadOnlyStringWrapper(this, "text", text(c)))
                .getReadOnlyProperty();
    }

    /** Forgets everyone (the connection ended: nobody's typing can be known now). */
    public void clear() {
        typing.values().forEach(who -> who.values().forEach(e -> e.expiry().cancel()));
        List<ConversationId> conversations = new ArrayList<>(typing.keySet());
        typing.clear();
        conversations.forEach(this::update);
    }

    private void stopped(ConversationId conversation, String key) {
        LinkedHashMap<String, Entry> who = typing.get(conversation);
        if (who == null) {
            return;
        }
        Entry gone = who.remove(key);
        if (gone == null) {
            return;
        }
        gone.expiry().cancel();
        if (who.isEmpty()) {
            typing.remove(conversation);
        }
        update(conversation);
    }

    private void update(ConversationId conversation) {
        ReadOnlyStringWrapper text = texts.get(conversation);
        if (text != null) {
            text.set(text(conversation));
        }
    }

    private String text(ConversationId conversation) {
        return TypingText.of(typingIn(conversation).stream().map(displayName).toList());
    }
}
