package dev.parley.client;

import dev.parley.protocol.Frame;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Presence over the WebSocket: who is online, and this user's status line. Get it from
 * {@link ChatClient#presenceManager()}; modelled on Agora's {@code PresenceManager}. Requests need a login and learn
 * their outcome as {@link ChatManager}'s do (see there). Subscriptions last as long as the session: after a reconnect
 * the SDK subscribes again (and publishes the status line again) by itself; after a new {@code open} they start empty.
 * Thread-safe; futures complete on internal threads.
 */
public final class PresenceManager {
    private final ChatSession session;

    PresenceManager(ChatSession session) {
        this.session = session;
    }

    /**
     * Subscribes to the presence of up to 100 users: the server answers their presence at once
     * ({@link ChatEventHandler#onPresenceStatusChange} for each) and again on every change.
     *
     * @return the presences that arrived before the request settled: all of them once each user's has arrived, else
     *         those that arrived within the settle time; fails with the server's error code, 39 or 16
     * @throws IllegalArgumentException for no users, more than 100, or a blank one
     */
    public CompletableFuture<List<PresenceEvent>> subscribePresence(List<String> users) {
        List<String> list = List.copyOf(users);
        if (list.isEmpty() || list.size() > Frame.SubscribePresence.MAX_USERS) {
            throw new IllegalArgumentException("users must name 1 to " + Frame.SubscribePresence.MAX_USERS + " users");
        }
        list.forEach(u -> ChatManager.requireText("user", u));
        return session.request((requests, future) -> requests.subscribe(list, future));
    }

    /**
     * Sets this user's status line, which subscribers see in {@link PresenceEvent#description()}.
     *
     * @param description up to 64 characters; {@code ""} clears it
     * @return completes as {@link ChatManager}'s requests do; fails with the server's error code, 39 or 16
     */
    public CompletableFuture<Void> publishPresence(String description) {
        Objects.requireNonNull(description, "description");
        if (description.length() > Frame.PublishPresence.MAX_DESCRIPTION) {
            throw new IllegalArgumentException("description is longer than " + Frame.PublishPresence.MAX_DESCRIPTION);
        }
        return session.request((requests, future) -> requests.publish(description, future));
    }
}
