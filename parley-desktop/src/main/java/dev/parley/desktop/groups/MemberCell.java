package dev.parley.desktop.groups;

import dev.parley.desktop.chat.Face;
import dev.parley.desktop.chat.Faces;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;

/**
 * A member in the members panel: their {@link Face} (the picture they uploaded, else their initials, with the online
 * dot while they are online), nickname and user ID, and their role ("owner", "admin", "member"); "(you)" after this
 * user's own name. The face is made once per cell and rebound to each member. FX thread only.
 */
final class MemberCell extends ListCell<Member> {
    private final String me;
    private final Faces faces;
    private final Face face = new Face(GroupViews.AVATAR_SIZE);

    /** A cell of a list in which {@code me} is this user's ID, with pictures and online state from {@code faces}. */
    MemberCell(String me, Faces faces) {
        this.me = me;
        this.faces = faces;
    }

    @Override
    protected void updateItem(Member member, boolean empty) {
        super.updateItem(member, empty);
        setText(null);
        if (empty || member == null) {
            setGraphic(null);
            setAccessibleText(null);
            face.clear();
            return;
        }
        Label role = new Label(member.role().label());
        role.getStyleClass().addAll("group-role", "group-role-" + member.role().label());
        Person person = member.person();
        boolean mine = member.userId().equals(me);
        Person shown = mine ? new Person(person.userId(), person.displayName() + " (you)") : person;
        face.showPerson(member.userId(), faces);
        setGraphic(GroupViews.personRow(shown, face, role));
        setAccessibleText(shown.displayName() + ", " + member.role().label());
    }
}
