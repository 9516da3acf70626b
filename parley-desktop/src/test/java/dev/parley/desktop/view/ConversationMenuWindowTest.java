package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.ConversationItem;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The conversation row's context menu (Pin, Mute, Mark as unread, Remove), by the mouse and by the keyboard (Shift+F10,
 * the menu key), in one app window against a real server.
 */
@ExtendWith(ApplicationExtension.class)
class ConversationMenuWindowTest {
    private TestServer server;
    private AppWindow leo;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    private boolean shown(FxRobot robot, String selector) {
        return robot.from(leo.window().root()).lookup(selector).tryQuery().map(Node::isVisible).orElse(false);
    }

    private Label badge(FxRobot robot) {
        return robot.from(leo.window().root()).lookup(".unread-badge").queryAs(Label.class);
    }

    private void pressOnList(FxRobot robot, KeyCode key, boolean shift) {
        ListView<?> list = leo.node(robot, "#conversationsList");
        robot.interact(() -> {
            list.requestFocus();
            javafx.event.Event.fireEvent(list, new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", key, shift, false, false, false));
        });
    }

    @Test
    void pinMuteMarkUnreadFromTheMouseAndTheKeyboard(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInWithToken(robot, server, "leo");
        roy.send("leo", "hello leo");
        awaitFx("listed, unread", () -> leo.label(robot, ".conversation-peer", "roy").isPresent()
                && shown(robot, ".unread-badge"));

        robot.rightClickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("the row's menu", () -> robot.lookup("Pin to top").tryQuery().isPresent());
        assertThat(robot.lookup("Mute").tryQuery()).isPresent();
        assertThat(robot.lookup("Mark as unread").tryQuery()).isPresent();
        assertThat(robot.lookup("Remove from list").tryQuery()).isPresent();
        robot.clickOn("Pin to top");
        awaitFx("📌 shown", () -> shown(robot, "#pinnedMark"));
        assertThat(onFx(() -> leo.service().getConversations().getFirst().pinned())).isTrue();

        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("read", () -> !shown(robot, ".unread-badge"));

        pressOnList(robot, KeyCode.F10, true);
        awaitFx("the selected row's menu, from Shift+F10", () -> robot.lookup("Unpin").tryQuery().isPresent());
        robot.clickOn("Mute");
        awaitFx("🔕 shown", () -> shown(robot, "#mutedMark"));

        pressOnList(robot, KeyCode.CONTEXT_MENU, false);
        awaitFx("the menu, from the menu key", () -> robot.lookup("Unmute").tryQuery().isPresent());
        robot.clickOn("Mark as unread");
        awaitFx("a grey dot badge, the conversation closed", () -> shown(robot, ".unread-badge")
                && badge(robot).getText().isEmpty()
                && badge(robot).getPseudoClassStates().contains(PseudoClass.getPseudoClass("dot"))
                && badge(robot).getPseudoClassStates().contains(PseudoClass.getPseudoClass("muted"))
                && leo.service().getOpenConversation().isEmpty());

        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("opened again: no badge", () -> !shown(robot, ".unread-badge"));
        ConversationItem row = onFx(() -> leo.service().getConversations().getFirst());
        assertThat(row.pinned()).isTrue();
        assertThat(row.muted()).isTrue();
        assertThat(row.markedUnread()).isFalse();
    }
}
