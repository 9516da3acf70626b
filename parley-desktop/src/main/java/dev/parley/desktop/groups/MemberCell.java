package dev.parley.desktop.groups;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;

/**
 * A member in the members panel: avatar, nickname and user ID, and their role ("owner", "admin", "member"); "(you)"
 * after this user's own name. FX thread only.
 */
final class MemberCell extends ListCell<Member> {
    private final String me;

    /** A cell of a list in which {@code me} is this user's ID. */
    MemberCell(String me) {
        this.me = me;
    }

    @Override
    protected void updateItem(Member member, boolean empty) {
        super.updateItem(member, empty);
        setText(null);
        if (empty || member == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        Label role = new Label(member.role().label());
        role.getStyleClass().addAll("group-role", "group-role-" + member.role().label());
        Person person = member.person();
        boolean mine = member.userId().equals(me);
        Person shown = mine ? new Person(person.userId(), person.displayName() + " (you)") : person;
        setGraphic(GroupViews.personRow(shown, role));
        setAccessibleText(shown.displayName() + ", " + member.role().label());
    }
}
