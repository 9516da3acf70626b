package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.protocol.ChatType;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A message's context menu on a real window (a real server, the real SDK on the other side): Reply, Edit and Recall
 * where they apply, the reply bar with its cancel (and Escape), the quote in the bubble, "edited", "This message was
 * recalled"; and a group's timeline with the senders' names.
 */
@ExtendWith(ApplicationExtension.class)
class MessageActionsWindowTest {
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

    private Node bodyWith(FxRobot robot, String text) {
        return robot.from(leo.window().root()).lookup(".message-body").queryAll().stream()
                .filter(n -> AppWindow.seen(n) && text.equals(n.getAccessibleText())).findFirst().orElseThrow();
    }

    /**
     * Presses {@code key} in the composer. On the headless platform the robot's OS-level key presses go to the window
     * shown last, here the context menu's popup, so the key is given to the scene as a user's press would reach it.
     */
    private void pressInComposer(FxRobot robot, KeyCode key) {
        Node composer = leo.node(robot, "#composer");
        robot.interact(() -> {
            composer.requestFocus();
            javafx.event.Event.fireEvent(composer, new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
        });
    }

    @Test
    void replyEditAndRecallFromTheContextMenu(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInWithToken(robot, server, "leo");
        String question = roy.send("leo", "lunch at noon?").serverId();
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("shown", () -> leo.texts(robot, ".message-body").equals(List.of("lunch at noon?")));

        Node list = leo.node(robot, "#messagesList");
        robot.interact(() -> {
            list.requestFocus();
            ((javafx.scene.control.ListView<?>) list).getSelectionModel().select(0);
        });
        robot.press(KeyCode.SHIFT).type(KeyCode.F10).release(KeyCode.SHIFT);
        awaitFx("the selected message's menu, from the keyboard", () -> robot.lookup("Reply").tryQuery().isPresent());
        assertThat(robot.lookup("Edit").tryQuery()).as("not leo's to edit").isEmpty();
        assertThat(robot.lookup("Recall").tryQuery()).as("not leo's to recall").isEmpty();
        robot.clickOn("Reply");
        awaitFx("the reply bar", () -> leo.label(robot, ".composer-context-title", "Replying to roy").isPresent()
                && leo.label(robot, ".composer-context-preview", "lunch at noon?").isPresent());
        pressInComposer(robot, KeyCode.ESCAPE);
        awaitFx("Escape cancels it", () -> leo.label(robot, ".composer-context-title", "Replying to roy").isEmpty());

        robot.rightClickOn(bodyWith(robot, "lunch at noon?")).clickOn("Reply");
        awaitFx("the reply bar again", () -> leo.label(robot, ".composer-context-title", "Replying to roy")
                .isPresent());
        robot.clickOn((Node) leo.node(robot, "#composer")).write("yes, see you\n", 0);
        ReceivedMessage reply = roy.nextReceived();
        assertThat(reply.text()).contains("yes, see you");
        assertThat(reply.ext().getJsonObject("msgQuote").getString("msgID")).isEqualTo(question);
        awaitFx("the quote above the reply, the bar gone", () -> leo.texts(robot, ".message-quote-text")
                .equals(List.of("lunch at noon?"))
                && leo.label(robot, ".composer-context-title", "Replying to roy").isEmpty());

        awaitFx("the reply stored", () -> leo.texts(robot, ".message-meta").getLast()
                .matches(".*· (sent|delivered|read)"));
        robot.rightClickOn(bodyWith(robot, "yes, see you")).clickOn("Edit");
        TextArea composer = leo.node(robot, "#composer");
        awaitFx("the composer takes the text", () -> composer.getText().equals("yes, see you")
                && leo.label(robot, ".composer-context-title", "Editing your message").isPresent());
        robot.interact(composer::selectAll);
        robot.write("yes, see you at 12:30\n", 0);
        awaitFx("edited in place", () -> leo.texts(robot, ".message-body").contains("yes, see you at 12:30")
                && leo.label(robot, ".message-edited", "edited").isPresent()
                && composer.getText().isEmpty(), () -> leo.texts(robot, ".message-body"));

        robot.rightClickOn(bodyWith(robot, "yes, see you at 12:30")).clickOn("Recall");
        awaitFx("recalled", () -> leo.texts(robot, ".message-body").contains("This message was recalled"),
                () -> leo.texts(robot, ".message-body"));
        List<ReceivedMessage> history = TestServer.join(roy.client().chatManager()
                .history(ChatType.SINGLE, "leo", "", 10)).receivedMessages();
        assertThat(history.getFirst().isRecalled()).as("recalled on the server").isTrue();
    }

    @Test
    void aGroupShowsEachSendersNameOnceForARunOfTheirMessages(FxRobot robot) {
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee");
        server.register("leo");
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        for (var message : List.of(new String[] {"roy", "who drives?"}, new String[] {"roy", "I can"},
                new String[] {"amy", "I'll bring snacks"})) {
            Peer from = message[0].equals("roy") ? roy : amy;
            TestServer.join(from.client().send(ChatMessage.createTextSendMessage(group, message[1])
                    .withChatType(ChatType.GROUP)));
        }
        leo.signInWithToken(robot, server, "leo");
        awaitFx("the group listed", () -> leo.label(robot, ".conversation-peer", "trip").isPresent());
        awaitFx("the sender before the preview", () -> leo.texts(robot, ".conversation-preview")
                .contains("Amy Lee: I'll bring snacks"), () -> leo.texts(robot, ".conversation-preview"));
        robot.clickOn(leo.label(robot, ".conversation-peer", "trip").orElseThrow());
        awaitFx("the messages with their senders, once a run", () -> leo.texts(robot, ".message-body")
                .equals(List.of("who drives?", "I can", "I'll bring snacks"))
                && leo.texts(robot, ".message-sender").equals(List.of("Roy Smith", "Amy Lee")),
                () -> leo.texts(robot, ".message-sender") + " " + leo.texts(robot, ".message-body"));
        assertThat(onFx(() -> leo.texts(robot, ".timeline-note"))).contains("Roy Smith created the group “trip”");
    }

    @Test
    void clickingAQuoteShowsTheOriginalPagingOlderHistoryIn(FxRobot robot) {
        Peer leoElsewhere = server.peer("leo");
        Peer roy = server.peer("roy");
        String original = roy.send("leo", "the original, long ago").serverId();
        for (int i = 1; i <= 60; i++) {
            roy.send("leo", "chatter " + i);
        }
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage("leo", "about that")
                .withExt(java.util.Map.of("msgQuote", java.util.Map.of("msgID", original,
                        "msgPreview", "the original, long ago", "msgSender", "roy", "msgType", "txt")))));
        for (int i = 0; i < 62; i++) { // delivered to another device of leo's: the window pages history, no sync
            leoElsewhere.nextReceived();
        }
        leoElsewhere.client().close();
        leo.signInWithToken(robot, server, "leo");
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        javafx.scene.control.ListView<?> messages = leo.node(robot, "#messagesList");
        awaitFx("the newest page, without the original", () -> messages.getItems().size() == 50
                && leo.texts(robot, ".message-quote-text").equals(List.of("the original, long ago")),
                () -> messages.getItems().size() + " " + leo.texts(robot, ".message-quote-text"));

        robot.clickOn((Node) leo.seenNode(robot, ".message-quote"));

        awaitFx("the original paged in and in view", () -> leo.texts(robot, ".message-body")
                .contains("the original, long ago"), () -> messages.getItems().size() + " "
                + leo.texts(robot, ".message-body"));
        assertThat(onFx(() -> messages.getItems().size())).isGreaterThan(50);
    }
}
