package dev.parley.desktop.service;

import dev.parley.client.ChatRestException;
import dev.parley.client.RegisteredUser;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Learns the names the app shows: people's display names (the user lookup, once per user and session) and groups'
 * names (the group's info, when a group appears or is renamed). What it learns goes to the {@link ConversationBook},
 * which puts it in the rows and the timeline, and people's names to the local cache too (a start without the server
 * names a group's senders as this run did). A server without the user lookup (protocol v1) is asked once; then
 * people are shown by user ID. FX thread only; part of the {@link Messenger}.
 */
final class People {
    private static final System.Logger LOG = System.getLogger(People.class.getName());

    private final FxBoundary fx;
    private final ConversationBook book;
    private final Supplier<Session> session;
    /** Where a name learnt is kept for the next start (the local cache). */
    private final BiConsumer<String, String> keep;
    /** Users whose display name was asked for in this session. */
    private final Set<String> asked = new HashSet<>();
    /** Groups whose name was asked for in this session because a message came (not after an event). */
    private final Set<String> askedGroups = new HashSet<>();
    /** Whether the server has shown it cannot look users up (protocol v1). */
    private boolean unavailable;

    People(FxBoundary fx, ConversationBook book, Supplier<Session> session, BiConsumer<String, String> keep) {
        this.fx = fx;
        this.book = book;
        this.session = session;
        this.keep = keep;
    }

    /** Forgets the session's lookups. */
    void clear() {
        asked.clear();
        askedGroups.clear();
        unavailable = false;
    }

    /** Learns {@code user}'s display name, once per session; nothing for this user or a server without lookups. */
    void lookUp(String user) {
        Session s = session.get();
        if (s == null || user.isEmpty() || unavailable || !asked.add(user)) {
            return;
        }
        fx.whenDone(s.client().lookUpUser(user), s::isCurrent, (found, failure) -> {
            if (failure != null) {
                failed(user, failure);
                return;
            }
            learnt(user, found);
        });
    }

    /**
     * Looks {@code user} up for a new chat: completes on the FX thread with the user (empty when the server has no
     * such user), or fails when the server cannot tell (no lookup endpoint).
     */
    CompletableFuture<Optional<RegisteredUser>> check(String user) {
        Session s = session.get();
        CompletableFuture<Optional<RegisteredUser>> result = new CompletableFuture<>();
        fx.whenDone(s.client().lookUpUser(user), s::isCurrent, (found, failure) -> {
            asked.add(user);
            if (failure != null) {
                failed(user, failure);
                result.completeExceptionally(failure);
                return;
            }
            learnt(user, found);
            result.complete(found);
        });
        return result;
    }

    /**
     * A lookup failed. A server without the endpoint (protocol v1: 404, 405 or 501; an unknown user is an empty
     * answer, not a failure) is not asked again this session. Anything else (the server away a moment, a timeout)
     * lets the next need of this user's name ask again: one failure used to leave every later name a user ID.
     */
    private void failed(String user, Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof ChatRestException rest && (rest.httpStatus() == 404 || rest.httpStatus() == 405
                || rest.httpStatus() == 501)) {
            unavailable = true;
            LOG.log(Level.DEBUG, "no display names from the server: {0}", cause.getMessage());
        } else {
            asked.remove(user);
            LOG.log(Level.DEBUG, "no display name for {0} this time: {1}", user, cause.getMessage());
        }
    }

    private void learnt(String user, Optional<RegisteredUser> found) {
        found.map(RegisteredUser::nickname).filter(n -> !n.isBlank()).ifPresent(n -> {
            book.name(user, n);
            keep.accept(user, n);
        });
    }

    /** Learns group {@code groupId}'s name once per session (a message came in a group not listed yet). */
    void lookUpGroupOnce(String groupId) {
        if (askedGroups.add(groupId)) {
            lookUpGroup(groupId, name -> { });
        }
    }

    /** Learns group {@code groupId}'s name (again: after a rename too); {@code then} runs with it, on the FX thread. */
    void lookUpGroup(String groupId, java.util.function.Consumer<String> then) {
        Session s = session.get();
        if (s == null) {
            return;
        }
        fx.whenDone(s.client().groupManager().getGroupInfo(groupId), s::isCurrent, (info, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, "no name for group {0}: {1}", groupId, failure.getMessage());
                then.accept(book.groupName(groupId));
                return;
            }
            String name = info.name();
            if (!name.isBlank()) {
                book.groupName(groupId, name);
            }
            then.accept(name);
        });
    }
}
