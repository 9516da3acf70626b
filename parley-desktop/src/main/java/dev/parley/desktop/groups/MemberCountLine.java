package dev.parley.desktop.groups;

import dev.parley.client.ConversationId;
import dev.parley.client.GroupEvent;
import dev.parley.protocol.ChatType;
import java.lang.System.Logger.Level;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The open group's line for the conversation's header: "3 members" ("1 member"), {@code ""} while a one-to-one chat
 * (or nothing) is open, signed out, or the count is not known yet. The count comes from the group's info when the
 * group opens and again after each member added or removed (its {@code groupEvent}, which the server sends to every
 * member's sessions, the one who made the change included). An answer for a conversation no longer open is dropped.
 * <p>
 * Threading: FX thread only (the {@link GroupsService}'s futures and events complete there).
 */
public final class MemberCountLine {
    private static final System.Logger LOG = System.getLogger(MemberCountLine.class.getName());

    private final ObservableValue<ConversationId> open;
    private final ObservableValue<GroupsService> groups;
    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper(this, "line", "");
    private AutoCloseable subscription = () -> { };
    /** Numbers the requests: only the answer to the newest is shown. */
    private int asked;
    /** The group the line is about, {@code ""} for none. */
    private String shown = "";

    /**
     * A line that follows {@code open} with the groups service of the current sign-in ({@code null} while signed
     * out).
     */
    public MemberCountLine(ObservableValue<ConversationId> open, ObservableValue<GroupsService> groups) {
        this.open = Objects.requireNonNull(open, "open");
        this.groups = Objects.requireNonNull(groups, "groups");
        groups.addListener((o, was, now) -> {
            listen(now);
            refresh();
        });
        open.addListener((o, was, now) -> refresh());
        listen(groups.getValue());
        refresh();
    }

    /** "N members" for the open group, {@code ""} otherwise. */
    public ReadOnlyStringProperty lineProperty() {
        return line.getReadOnlyProperty();
    }

    /** What the header says of a group of {@code count} members. */
    public static String describe(int count) {
        return count == 1 ? "1 member" : count + " members";
    }

    private void listen(GroupsService service) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "stopping group events", e);
        }
        subscription = service == null ? () -> { } : service.onGroupEvent(this::changed);
    }

    private void changed(GroupEvent event) {
        if (event.groupId().equals(shown) && (event.kind() == GroupEvent.Kind.MEMBER_ADDED
                || event.kind() == GroupEvent.Kind.MEMBER_REMOVED || event.kind() == GroupEvent.Kind.CREATED)) {
            refresh();
        }
    }

    private void refresh() {
        ConversationId conversation = open.getValue();
        GroupsService service = groups.getValue();
        int ask = ++asked;
        if (conversation == null || conversation.chatType() != ChatType.GROUP || service == null) {
            shown = "";
            line.set("");
            return;
        }
        if (!conversation.id().equals(shown)) { // another group: no stale count meanwhile
            shown = conversation.id();
            line.set("");
        }
        service.memberCount(conversation.id()).whenComplete((count, failure) -> {
            if (ask != asked) {
                return;
            }
            if (failure != null) {
                LOG.log(Level.DEBUG, "no member count for group {0}: {1}", conversation.id(), failure.getMessage());
            } else {
                line.set(describe(count));
            }
        });
    }
}
