package dev.parley.desktop.groups;

import dev.parley.client.GroupEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The members panel of one group: its name (renamed inline by the owner and admins), its members with their roles,
 * adding members (by the same lookup as the New group dialog) and removing them (owner and admins), leaving (everyone
 * but the owner, who is told so and may delete the group instead, after confirming). It reloads the group on each of
 * the group's {@link GroupEvent}s ({@link #apply}); when this user is no longer in the group (left, removed, or the
 * group deleted) it says so in {@link #goneProperty()} and offers nothing more. FX thread only.
 */
public final class MembersViewModel {
    private final GroupsService service;
    private final String groupId;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final StringProperty draftName = new SimpleStringProperty(this, "draftName", "");
    private final ReadOnlyBooleanWrapper editingName = new ReadOnlyBooleanWrapper(this, "editingName");
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<GroupRole> myRole = new ReadOnlyObjectWrapper<>(this, "myRole",
            GroupRole.MEMBER);
    private final ObjectProperty<Member> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper gone = new ReadOnlyStringWrapper(this, "gone", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper ownerNote = new ReadOnlyBooleanWrapper(this, "ownerNote");
    private final ReadOnlyBooleanWrapper confirmingDelete = new ReadOnlyBooleanWrapper(this, "confirmingDelete");
    private final MemberPickerViewModel picker;
    private final BooleanBinding canManage;
    private final BooleanBinding canRemoveSelected;
    private int generation;

    /** The panel of group {@code groupId}; call {@link #refresh()} to load it. */
    public MembersViewModel(GroupsService service, String groupId) {
        this.service = Objects.requireNonNull(service, "service");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.picker = new MemberPickerViewModel(service, this::refusal, this::add);
        this.canManage = Bindings.createBooleanBinding(() -> myRole.get().manages() && gone.get().isEmpty(),
                myRole, gone);
        this.canRemoveSelected = Bindings.createBooleanBinding(() -> removable(selected.get()) && !busy.get(),
                selected, myRole, gone, busy);
    }

    /** The group's ID. */
    public String groupId() {
        return groupId;
    }

    /** The group's name, {@code ""} until loaded. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String getName() {
        return name.get();
    }

    /** The name being typed while renaming. */
    public StringProperty draftNameProperty() {
        return draftName;
    }

    /** Whether the name is being edited. */
    public ReadOnlyBooleanProperty editingNameProperty() {
        return editingName.getReadOnlyProperty();
    }

    /** The members: owner first, then admins, then members by name. */
    public ObservableList<Member> getMembers() {
        return members;
    }

    /** This user's role in the group. */
    public ReadOnlyObjectProperty<GroupRole> myRoleProperty() {
        return myRole.getReadOnlyProperty();
    }

    /** The member chosen in the list (the one Remove removes). */
    public ObjectProperty<Member> selectedProperty() {
        return selected;
    }

    /** Whether this user may rename the group and add and remove members. */
    public BooleanBinding canManageBinding() {
        return canManage;
    }

    /** Whether the selected member can be removed by this user. */
    public BooleanBinding canRemoveSelectedBinding() {
        return canRemoveSelected;
    }

    /** The last request's outcome, as a sentence ({@code ""} for none). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    /** Why this user is no longer in the group, {@code ""} while they are. */
    public ReadOnlyStringProperty goneProperty() {
        return gone.getReadOnlyProperty();
    }

    public String getGone() {
        return gone.get();
    }

    /** Whether a request is in progress. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the note "the owner cannot leave; delete the group instead" shows. */
    public ReadOnlyBooleanProperty ownerNoteProperty() {
        return ownerNote.getReadOnlyProperty();
    }

    /** Whether deleting the group waits for the owner's confirmation. */
    public ReadOnlyBooleanProperty confirmingDeleteProperty() {
        return confirmingDelete.getReadOnlyProperty();
    }

    /** The picker of members to add. */
    public MemberPickerViewModel picker() {
        return picker;
    }

    /** Loads the group's name and members again; an older load still under way is ignored when it ends. */
    public void refresh() {
        int mine = ++generation;
        service.details(groupId).whenComplete((details, failure) -> {
            if (mine != generation || !gone.get().isEmpty()) {
                return;
            }
            if (failure == null) {
                show(details);
            } else if (GroupErrors.codeOf(failure) == 602 || GroupErrors.codeOf(failure) == 605) {
                leaveWith(GroupErrors.codeOf(failure) == 605 ? "This group was deleted."
                        : "You are no longer in this group.");
            } else {
                message.set(GroupErrors.sentence(failure));
            }
        });
    }

    /** Follows an event of any group: one of this group reloads it, or ends the panel when this user is out. */
    public void apply(GroupEvent event) {
        if (!event.groupId().equals(groupId) || !gone.get().isEmpty()) {
            return;
        }
        String me = service.currentUser();
        switch (event.kind()) {
            case DESTROYED -> leaveWith(event.by().equals(me) ? "You deleted the group." : "This group was deleted.");
            case MEMBER_REMOVED -> {
                if (event.member().equals(me)) {
                    leaveWith(event.by().equals(me) ? "You left the group." : "You were removed from the group.");
                } else {
                    refresh();
                }
            }
            case CREATED, MEMBER_ADDED, UPDATED -> refresh();
        }
    }

    /** Starts renaming: the name becomes editable, with the current name in it. */
    public void startRename() {
        if (canManage.get()) {
            draftName.set(name.get());
            editingName.set(true);
        }
    }

    /** Stops renaming without a change. */
    public void cancelRename() {
        editingName.set(false);
    }

    /** Renames the group to the draft; an unchanged or blank name just stops editing. */
    public void rename() {
        String wanted = draftName.get().strip();
        if (!editingName.get() || wanted.isEmpty() || wanted.equals(name.get())) {
            editingName.set(false);
            return;
        }
        run(service.rename(groupId, wanted), () -> {
            name.set(wanted);
            editingName.set(false);
        });
    }

    /** Removes the selected member, if this user may. */
    public void removeSelected() {
        Member member = selected.get();
        if (removable(member) && !busy.get()) {
            run(service.removeMember(groupId, member.userId()), () -> {
                message.set(member.person().displayName() + " was removed from the group.");
                refresh();
            });
        }
    }

    /** Leaves the group; the owner is told instead that they cannot, and offered to delete it. */
    public void leave() {
        if (myRole.get() == GroupRole.OWNER) {
            ownerNote.set(true);
            return;
        }
        run(service.leave(groupId), () -> leaveWith("You left the group."));
    }

    /** Asks the owner to confirm deleting the group. */
    public void askDelete() {
        if (myRole.get() == GroupRole.OWNER && gone.get().isEmpty()) {
            confirmingDelete.set(true);
        }
    }

    /** Keeps the group after all. */
    public void cancelDelete() {
        confirmingDelete.set(false);
    }

    /** Deletes the group for everyone (after {@link #askDelete()}). */
    public void confirmDelete() {
        if (confirmingDelete.get()) {
            run(service.destroy(groupId), () -> leaveWith("You deleted the group."));
        }
    }

    private void show(GroupDetails details) {
        name.set(details.name());
        Member was = selected.get();
        members.setAll(details.members());
        selected.set(was == null ? null : members.stream().filter(m -> m.userId().equals(was.userId()))
                .findFirst().orElse(null));
        myRole.set(details.roleOf(service.currentUser()).orElse(GroupRole.MEMBER));
    }

    private CompletableFuture<Void> add(Person person) {
        return service.addMembers(groupId, List.of(person.userId())).thenRun(() -> {
            message.set(person.displayName() + " was added to the group.");
            refresh();
        });
    }

    private Optional<String> refusal(String id) {
        return members.stream().filter(m -> m.userId().equals(id)).findFirst()
                .map(m -> "“" + m.person().displayName() + "” is in the group already.");
    }

    private boolean removable(Member member) {
        if (member == null || !gone.get().isEmpty() || member.userId().equals(service.currentUser())) {
            return false;
        }
        return switch (member.role()) {
            case OWNER -> false;
            case ADMIN -> myRole.get() == GroupRole.OWNER;
            case MEMBER -> myRole.get().manages();
        };
    }

    private void run(CompletableFuture<Void> request, Runnable then) {
        busy.set(true);
        message.set("");
        request.whenComplete((done, failure) -> {
            busy.set(false);
            if (failure == null) {
                then.run();
            } else {
                message.set(GroupErrors.sentence(failure));
            }
        });
    }

    private void leaveWith(String reason) {
        generation++;
        ownerNote.set(false);
        confirmingDelete.set(false);
        editingName.set(false);
        selected.set(null);
        gone.set(reason);
    }
}
