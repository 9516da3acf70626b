package dev.parley.desktop.groups;

import dev.parley.client.GroupEvent;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * Which groups this user is no longer in, and why, so that the window keeps such a conversation readable but
 * disables its composer with a sentence instead of letting a send fail. It learns it from the group events of this
 * sign-in (removed, left, the group deleted; added again undoes it), from a check when a group is opened
 * ({@link #check}: the server refuses to show the group, or this user is not among its members), and from the members
 * panel ({@link #markGone}). One per sign-in, over its {@link GroupsService}. FX thread only.
 */
public final class GroupMembership implements AutoCloseable {
    /** The composer's sentence once this user left or was removed. */
    public static final String NOT_A_MEMBER = "You are no longer a member of this group.";
    /** The composer's sentence once the group was deleted. */
    public static final String DELETED = "This group was deleted. Nobody can write to it any more.";

    private final GroupsService service;
    private final ObservableMap<String, String> gone = FXCollections.observableHashMap();
    private final AutoCloseable subscription;

    /** Follows the group events of {@code service} until {@link #close()}. */
    public GroupMembership(GroupsService service) {
        this.service = Objects.requireNonNull(service, "service");
        this.subscription = service.onGroupEvent(this::apply);
    }

    /** The groups this user is out of (group ID → the composer's sentence); read it, do not change it. */
    public ObservableMap<String, String> gone() {
        return gone;
    }

    /** The composer's sentence for group {@code groupId}, {@code ""} while this user is in it. */
    public String reason(String groupId) {
        return gone.getOrDefault(groupId, "");
    }

    /** Asks the server whether this user is still in group {@code groupId} (a group conversation was opened). */
    public void check(String groupId) {
        service.details(groupId).whenComplete((details, failure) -> {
            if (failure == null) {
                if (details.roleOf(service.currentUser()).isPresent()) {
                    gone.remove(groupId);
                } else {
                    gone.put(groupId, NOT_A_MEMBER);
                }
            } else if (GroupErrors.codeOf(failure) == 605) {
                gone.put(groupId, DELETED);
            } else if (GroupErrors.codeOf(failure) == 602) {
                gone.put(groupId, NOT_A_MEMBER);
            }
        });
    }

    /** This user is out of group {@code groupId} (the members panel says so: left, removed, deleted). */
    public void markGone(String groupId, boolean deleted) {
        gone.put(groupId, deleted ? DELETED : NOT_A_MEMBER);
    }

    /** Follows one group event: this user removed (or leaving), the group deleted, or this user added again. */
    void apply(GroupEvent event) {
        String me = service.currentUser();
        switch (event.kind()) {
            case DESTROYED -> gone.put(event.groupId(), DELETED);
            case MEMBER_REMOVED -> {
                if (event.member().equals(me)) {
                    gone.put(event.groupId(), NOT_A_MEMBER);
                }
            }
            case MEMBER_ADDED, CREATED -> {
                if (event.member().equals(me) || event.kind() == GroupEvent.Kind.CREATED) {
                    gone.remove(event.groupId());
                }
            }
            case UPDATED -> { }
        }
    }

    /** Stops following the group events. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
