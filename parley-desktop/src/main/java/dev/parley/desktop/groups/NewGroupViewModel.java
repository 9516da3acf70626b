package dev.parley.desktop.groups;

import dev.parley.client.ConversationId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The New group dialog: a name, the members picked so far (each checked against the server), and Create, which is
 * possible with a name and at least one member. Creating shows progress; when the server has made the group, the
 * dialog is finished and the new group's conversation is handed to the callback (which opens it). FX thread only.
 */
public final class NewGroupViewModel {
    private final GroupsService service;
    private final Consumer<ConversationId> open;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObservableList<Person> picked = FXCollections.observableArrayList();
    private final MemberPickerViewModel picker;
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding canCreate;

    /**
     * A dialog's state over {@code service}.
     *
     * @param open called with the new group's conversation once it exists
     */
    public NewGroupViewModel(GroupsService service, Consumer<ConversationId> open) {
        this.service = Objects.requireNonNull(service, "service");
        this.open = Objects.requireNonNull(open, "open");
        this.picker = new MemberPickerViewModel(service, this::refusal, person -> {
            picked.add(person);
            return CompletableFuture.completedFuture(null);
        });
        this.canCreate = Bindings.createBooleanBinding(
                () -> !name.get().isBlank() && !picked.isEmpty() && !creating.get() && !picker.isChecking(),
                name, picked, creating, picker.checkingProperty());
        name.addListener((o, old, now) -> error.set(""));
    }

    /** The group's name as typed. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The members picked so far, in the order they were picked. */
    public ObservableList<Person> getPicked() {
        return picked;
    }

    /** The member picker (type an ID, Enter or Add). */
    public MemberPickerViewModel picker() {
        return picker;
    }

    /** Whether Create can be pressed: a name, at least one member, and nothing in progress. */
    public BooleanBinding canCreateBinding() {
        return canCreate;
    }

    /** Whether the group is being created. */
    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    /** Whether the dialog is done (created or cancelled): the view closes it. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** Why creating failed, {@code ""} when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Takes a picked member off the list. */
    public void remove(Person person) {
        picked.remove(person);
    }

    /** Creates the group, if {@link #canCreateBinding() possible}. */
    public void create() {
        if (!canCreate.get()) {
            return;
        }
        creating.set(true);
        error.set("");
        service.create(name.get(), picked.stream().map(Person::userId).toList()).whenComplete((group, failure) -> {
            creating.set(false);
            if (failure != null) {
                error.set(GroupErrors.sentence(failure));
                return;
            }
            finished.set(true);
            open.accept(group);
        });
    }

    /** Closes the dialog without creating anything (nothing happens while creating). */
    public void cancel() {
        if (!creating.get()) {
            finished.set(true);
        }
    }

    private Optional<String> refusal(String id) {
        if (id.equals(service.currentUser())) {
            return Optional.of("That is you: you are in the group already.");
        }
        if (picked.stream().anyMatch(p -> p.userId().equals(id))) {
            return Optional.of("“" + id + "” is picked already.");
        }
        return Optional.empty();
    }
}
