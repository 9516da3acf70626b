package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.emoji.EmojiSet;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Emoji as a user sees them on a system without colour emoji fonts: pictures in message bubbles and previews (text
 * selection and copying give the characters back), and the composer's picker.
 */
@ExtendWith(ApplicationExtension.class)
class EmojiWindowTest {
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

    private static List<Object> pictures(Node node) {
        return node.lookupAll(".emoji").stream().filter(n -> n instanceof ImageView v && v.getImage() != null)
                .map(Node::getUserData).toList();
    }

    private static boolean pickerShowing(FxRobot robot) {
        return robot.lookup(".emoji-cell").queryAll().stream()
                .anyMatch(n -> n.getScene() != null && n.getScene().getWindow().isShowing());
    }

    private void openRoy(FxRobot robot) {
        awaitFx("roy listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
    }

    @Test
    void aMessageWithEmojiShowsTheirPicturesInTheBubbleAndThePreviewAndCopiesAsText(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        String text = "Great 👍🏽 see you in 🇩🇪 ❤\uFE0F";
        roy.send("leo", text);
        openRoy(robot);
        awaitFx("shown", () -> leo.texts(robot, ".message-body").equals(List.of(text)));
        Node body = leo.seenNode(robot, ".message-body");
        Node preview = robot.from(leo.window().root()).lookup(".conversation-preview").query();

        assertThat(onFx(() -> pictures(body))).as("the bubble's pictures")
                .containsExactly("👍🏽", "🇩🇪", "❤\uFE0F");
        assertThat(onFx(() -> pictures(preview))).as("the preview's pictures")
                .containsExactly("👍🏽", "🇩🇪", "❤\uFE0F");

        robot.doubleClickOn(body.lookup(".message-text")); // selects the whole message
        robot.press(KeyCode.SHORTCUT).type(KeyCode.C).release(KeyCode.SHORTCUT);
        awaitFx("the selection copied with its emoji", () -> text.equals(Clipboard.getSystemClipboard().getString()),
                () -> Clipboard.getSystemClipboard().getString());
        onFx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });
        robot.clickOn("#peerLabel").clickOn(body.lookup(".message-text")); // a single click: nothing selected
        robot.rightClickOn(body.lookup(".message-text")).clickOn("Copy");
        awaitFx("the whole message copied with its emoji", () -> text.equals(Clipboard.getSystemClipboard().getString()),
                () -> Clipboard.getSystemClipboard().getString());
    }

    @Test
    void thePickerPutsTheChosenEmojiInAtTheCaretByKeyboardOrMouse(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        roy.send("leo", "hi");
        openRoy(robot);
        TextArea composer = leo.node(robot, "#composer");
        robot.clickOn(composer).write("Hello world");
        robot.interact(() -> composer.positionCaret("Hello".length()));

        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL); // opens on the first emoji
        awaitFx("the picker is open", () -> pickerShowing(robot));
        robot.type(KeyCode.RIGHT, KeyCode.DOWN, KeyCode.LEFT).type(KeyCode.ENTER); // one row (ten) down from 😀

        String tenth = EmojiSet.bundled().category("Smileys & Emotion").get(10).text();
        awaitFx("put in at the caret", () -> composer.getText().equals("Hello" + tenth + " world"), composer::getText);
        assertThat(onFx(composer::isFocused)).as("the composer has the focus back").isTrue();

        robot.clickOn("#emojiButton");
        awaitFx("the picker is open again", () -> pickerShowing(robot));
        Node grinning = robot.lookup(".emoji-cell").queryAll().stream().filter(n -> "😀".equals(n.getUserData()))
                .findFirst().orElseThrow();
        robot.clickOn(grinning);
        awaitFx("put in after the first", () -> composer.getText().equals("Hello" + tenth + "😀 world"),
                composer::getText);

        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        awaitFx("the picker is open a third time", () -> pickerShowing(robot));
        robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL); // the next category: People & Body
        robot.type(KeyCode.RIGHT).type(KeyCode.ENTER); // its second emoji; Enter does not send the draft
        String second = EmojiSet.bundled().category("People & Body").get(1).text();
        awaitFx("put in from the second category", () -> composer.getText()
                .equals("Hello" + tenth + "😀" + second + " world"), composer::getText);
        assertThat(leo.texts(robot, ".message-body")).as("nothing sent while picking").containsExactly("hi");

        robot.type(KeyCode.ENTER);
        awaitFx("sent, and its bubble shows both pictures", () -> leo.texts(robot, ".message-body")
                .contains("Hello" + tenth + "😀" + second + " world"));
        Node sent = robot.from(leo.window().root()).lookup(".message-body").queryAll().stream()
                .filter(n -> AppWindow.seen(n) && ("Hello" + tenth + "😀" + second + " world")
                        .equals(n.getAccessibleText())).findFirst().orElseThrow();
        assertThat(onFx(() -> pictures(sent))).containsExactly(tenth, "😀", second);
    }
}
