package dev.parley.desktop.service;

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
    /** Each removed peer's newest server id at removal ({@code ""}: none), for the signed-in user. */
    private final Map<String, String> upTo = new HashMap<>();
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
                upTo.put(r.peer(), r.upTo());
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

    /** {@code peer}'s conversation was removed; {@code newest} is its newest server id ({@code ""}: none). */
    void remove(String peer, String newest) {
        upTo.put(peer, newest);
        save();
    }

    /** {@code peer}'s conversation is listed again (the user started it, or a message came). */
    void restore(String peer) {
        if (upTo.remove(peer) != null) {
            save();
        }
    }

    /**
     * Whether {@code peer}'s conversation, whose newest message has {@code serverId} ({@code ""}: not known), is still
     * removed; a message newer than the removal restores it.
     */
    boolean stillRemoved(String peer, String serverId) {
        String removedAt = upTo.get(peer);
        if (removedAt == null) {
            return false;
        }
        if (!serverId.isEmpty() && (removedAt.isEmpty() || ServerIds.compare(serverId, removedAt) > 0)) {
            restore(peer);
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
        upTo.forEach((peer, id) -> all.add(new Removal(serverUrl, user, peer, id)));
        store.save(all);
    }
}
