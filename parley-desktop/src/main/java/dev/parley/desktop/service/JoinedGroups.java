package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.client.GroupSummary;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Lists the groups the user is in but that have no message yet: the server's conversation list leaves out
 * conversations without messages, and a group made over REST while this user was offline (the demo's, or one made by
 * a script in the user's name) sends them no event to sync. At sign-in, after the server's list, and after a reconnect,
 * the user's joined groups ({@code groupManager().getJoinedGroups()}) are merged into the {@link ConversationBook}:
 * each group not listed yet gets a row with its name, ordered by when it was created ({@code getGroupInfo}), unless
 * the user removed it from the list. A group listed already (a message, the local cache) keeps its row. A failure only
 * leaves the list as it was (logged, DEBUG). FX thread only; part of the {@link Messenger}.
 */
final class JoinedGroups {
    private static final System.Logger LOG = System.getLogger(JoinedGroups.class.getName());

    private final FxBoundary fx;
    private final ConversationBook book;
    private final Supplier<Session> session;

    JoinedGroups(FxBoundary fx, ConversationBook book, Supplier<Session> session) {
        this.fx = fx;
        this.book = book;
        this.session = session;
    }

    /** Fetches the joined groups and lists those that are not listed yet. */
    void merge() {
        Session s = session.get();
        if (s == null) {
            return;
        }
        fx.whenDone(s.client().groupManager().getJoinedGroups(), s::isCurrent, (groups, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, "no joined groups: {0}", failure.getMessage());
                return;
            }
            for (GroupSummary g : groups) {
                ConversationId group = ConversationId.group(g.id());
                if (!g.name().isBlank() && book.groupName(g.id()).isEmpty()) {
                    book.groupName(g.id(), g.name());
                }
                if (book.row(group).isEmpty() && !book.isRemoved(group)) {
                    list(s, group);
                }
            }
        });
    }

    /** Lists {@code group} at the time it was created. */
    private void list(Session s, ConversationId group) {
        fx.whenDone(s.client().groupManager().getGroupInfo(group.id()), s::isCurrent, (info, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, "group {0} not listed: {1}", group.id(), failure.getMessage());
                return;
            }
            if (!info.name().isBlank()) {
                book.groupName(group.id(), info.name());
            }
            book.joined(group, info.created());
        });
    }
}
