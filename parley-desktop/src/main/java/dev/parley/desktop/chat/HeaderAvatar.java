package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.HBox;

/**
 * The open conversation's face at the left of its header, as the list shows it: the peer's uploaded picture (initials
 * until it is in, and without one) with the online dot while they are online, a group's initials of its name; hidden
 * while nothing is open. FX thread only.
 */
final class HeaderAvatar {
    /** The avatar's size in the header, in pixels. */
    static final double SIZE = 32;

    private HeaderAvatar() {
    }

    /** Puts the face into {@code header} before {@code before}'s place, following {@code open} and its title. */
    static Face install(HBox header, int before, ObservableValue<ConversationId> open, ObservableValue<String> title,
                        LiveViewModel live) {
        Face face = new Face(SIZE);
        face.setId("headerAvatar");
        face.managedProperty().bind(face.visibleProperty());
        header.getChildren().add(before, face);
        Runnable update = () -> {
            ConversationId c = open.getValue();
            face.setVisible(c != null);
            if (c == null) {
                face.clear();
            } else if (c.chatType() == ChatType.GROUP) {
                face.showGroup(title.getValue() == null || title.getValue().isEmpty() ? c.id() : title.getValue());
            } else {
                face.showPerson(c.id(), live);
            }
        };
        open.addListener((o, was, now) -> update.run());
        title.addListener((o, was, now) -> update.run());
        update.run();
        return face;
    }
}
