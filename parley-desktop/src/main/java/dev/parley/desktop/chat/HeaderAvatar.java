package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.HBox;

/**
 * The open conversation's avatar at the left of its header: the peer's uploaded picture (initials until it is in, and
 * without one), a group's initials of its name; hidden while nothing is open. FX thread only.
 */
final class HeaderAvatar {
    /** The avatar's size in the header, in pixels. */
    static final double SIZE = 32;

    private HeaderAvatar() {
    }

    /** Puts the avatar into {@code header} before {@code before}'s place, following {@code open} and its title. */
    static Avatar install(HBox header, int before, ObservableValue<ConversationId> open, ObservableValue<String> title,
                          LiveViewModel live) {
        Avatar avatar = new Avatar(SIZE);
        avatar.setId("headerAvatar");
        avatar.managedProperty().bind(avatar.visibleProperty());
        header.getChildren().add(before, avatar);
        Runnable update = () -> {
            ConversationId c = open.getValue();
            avatar.setVisible(c != null);
            if (c == null) {
                avatar.show("");
            } else if (c.chatType() == ChatType.GROUP) {
                avatar.show(title.getValue() == null || title.getValue().isEmpty() ? c.id() : title.getValue());
            } else {
                avatar.show(c.id(), live.picture(c.id()));
            }
        };
        open.addListener((o, was, now) -> update.run());
        title.addListener((o, was, now) -> update.run());
        update.run();
        return avatar;
    }
}
