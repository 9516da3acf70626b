package dev.parley.desktop.groups;

import dev.parley.desktop.chat.Avatars;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;

/**
 * A member picked in the New group dialog: avatar, nickname and user ID, and a button that takes them off the list
 * (the keyboard does it with Delete on the selected row). FX thread only.
 */
final class PickedCell extends ListCell<Person> {
    private final Consumer<Person> remove;

    PickedCell(Consumer<Person> remove) {
        this.remove = Objects.requireNonNull(remove, "remove");
    }

    @Override
    protected void updateItem(Person person, boolean empty) {
        super.updateItem(person, empty);
        setText(null);
        if (empty || person == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        Button drop = new Button("Remove");
        drop.getStyleClass().addAll("flat", "small", "picked-remove");
        drop.setFocusTraversable(false);
        drop.setAccessibleText("Remove " + person.displayName());
        drop.setOnAction(event -> remove.accept(person));
        setGraphic(GroupViews.personRow(person, Avatars.of(person.userId(), GroupViews.AVATAR_SIZE), drop));
        setAccessibleText(person.displayName() + ", " + person.userId());
    }
}
