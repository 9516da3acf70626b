package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversations the signed-in user removed from the list, kept in a {@link RemovalStore} so that they stay
 * removed at the next sign-in, until a message newer than the newest at removal arrives (live, or in the server's
 * list). FX thread only.
 */
final class Removals {
    private final RemovalStore store;
    /** Each removed conversation's newest server id at removal ({@code ""}: none), for the signed-in user. */
    private final Map<ConversationId, String> upTo = new HashMap<>();
    /** The stored removals of other users and servers, written back untouched. */
    private List<Removal> others = List.of();
    private String serverUrl = "";
    private String user = "";

    Removals(RemovalStore store) {
        this.store = store;
    }

    /** {@code user} signed in to {@code serverUrl}: their removals are read from the store. */
    void signedIn(String serverUrl, String user) {
        this.serverUrl = serverUrl;
        this.user = user;
        upTo.clear();
        List<Removal> rest = new ArrayList<>();
        for (Removal r : store.load()) {
            if (r.serverUrl().equals(serverUrl) && r.user().equals(user)) {
                upTo.put(r.conversation(), r.upTo());
            } else {
                rest.add(r);
            }
        }
        others = List.copyOf(rest);
    }

    /** The session ended: nothing is held (the store keeps it). */
    void signedOut() {
        upTo.clear();
        others = List.of();
        serverUrl = "";
        user = "";
    }

    /** {@code conversation} was removed; {@code newest} is its newest server id ({@code ""}: none). */
    void remove(ConversationId conversation, String newest) {
        upTo.put(conversation, newest);
        save();
    }

    /** {@code conversation} is listed again (the user started it, or a message came). */
    void restore(ConversationId conversation) {
        if (upTo.remove(conversation) != null) {
            save();
        }
    }

    /**
     * Whether {@code conversation}, whose newest message has {@code serverId} ({@code ""}: not known), is still
     * removed; a message newer than the removal restores it.
     */
    boolean stillRemoved(ConversationId conversation, String serverId) {
        String removedAt = upTo.get(conversation);
        if (removedAt == null) {
            return false;
        }
        if (!serverId.isEmpty() && (removedAt.isEmpty() || ServerIds.compare(serverId, removedAt) > 0)) {
            restore(conversation);
            return false;
        }
        return true;
    }

    /** Waits (up to two seconds) until the store has written every change (at exit). */
    void flush() {
        store.flush();
    }

    private void save() {
        if (user.isEmpty()) {
            return;
        }
        List<Removal> all = new ArrayList<>(others);
        upTo.forEach((conversation, id) -> all.add(new Removal(serverUrl, user, conversation, id)));
        store.save(all);
    }
}
