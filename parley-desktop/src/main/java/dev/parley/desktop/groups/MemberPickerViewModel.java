package dev.parley.desktop.groups;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Picking a member by user ID, as the New group dialog and the members panel both do: the user types an ID and
 * presses Enter or Add; the ID is checked against the server ({@link GroupsService#lookUp}) and the person found is
 * handed on, or a sentence says why not. What "handed on" means is the owner's: the dialog adds them to its list, the
 * panel adds them to the group. FX thread only.
 */
public final class MemberPickerViewModel {
    private final GroupsService service;
    private final Function<String, Optional<String>> refusal;
    private final Function<Person, CompletableFuture<Void>> take;
    private final StringProperty typed = new SimpleStringProperty(this, "typed", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");

    /**
     * A picker over {@code service}.
     *
     * @param refusal why a well-formed user ID cannot be picked here (that is you, already picked, already a member),
     *                or empty when it can; asked before the server is
     * @param take    what to do with a person found; the picker clears the field when it completes, or shows its
     *                failure's sentence
     */
    public MemberPickerViewModel(GroupsService service, Function<String, Optional<String>> refusal,
                                 Function<Person, CompletableFuture<Void>> take) {
        this.service = Objects.requireNonNull(service, "service");
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.take = Objects.requireNonNull(take, "take");
        typed.addListener((o, old, now) -> error.set(""));
    }

    /** The user ID being typed. */
    public StringProperty typedProperty() {
        return typed;
    }

    /** Why the last ID was refused, {@code ""} when it was not (cleared as the user types). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** Whether an ID is being checked (or the person found is being added). */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public boolean isChecking() {
        return checking.get();
    }

    /** Checks the typed ID and, if the server knows it, hands the person on; an empty field does nothing. */
    public void pick() {
        String id = GroupsService.normalize(typed.get());
        if (id.isEmpty() || checking.get()) {
            return;
        }
        Optional<String> refused = refusal.apply(id);
        if (refused.isPresent()) {
            error.set(refused.get());
            return;
        }
        String asTyped = typed.get();
        checking.set(true);
        service.lookUp(id).thenCompose(take).whenComplete((done, failure) -> {
            checking.set(false);
            if (failure != null) {
                error.set(GroupErrors.sentence(failure));
            } else if (typed.get().equals(asTyped)) {
                typed.set("");
            }
        });
    }
}
