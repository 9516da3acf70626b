package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.service.ToastKind;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Banners that cover nothing, the keyboard (focus, shortcuts, the shortcuts sheet) and the window's title. */
@ExtendWith(ApplicationExtension.class)
class KeyboardAndBannersTest {
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

    private Node focusOwner() {
        return onFx(() -> leo.stage().getScene().getFocusOwner());
    }

    private void openChatWith(FxRobot robot, String peer) {
        robot.clickOn((Node) leo.node(robot, "#newChatField")).write(peer + "\n", 0);
        awaitFx("conversation with " + peer, () -> leo.service().isOpen(ConversationId.single(peer)));
    }

    @Test
    void bannersNeverCoverAnInputOrAButtonAndAtMostThreeAreShown(FxRobot robot) {
        server.token("roy");
        leo.signInDirectly(new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo", SignInMethod.TOKEN,
                server.token("leo", Duration.ofSeconds(3))));
        Node renewBar = leo.node(robot, "#renewBar");
        awaitFx("the token field is shown", renewBar::isVisible);
        openChatWith(robot, "roy");
        onFx(() -> {
            for (int i = 1; i <= 5; i++) {
                leo.service().toasts().show(ToastKind.INFO, "banner number " + i + " with some words in it");
            }
            return null;
        });
        awaitFx("three banners", () -> leo.texts(robot, ".toast-text").size() == 3);

        List<Node> toasts = robot.from(leo.window().root()).lookup(".toast").queryAll().stream().toList();
        java.util.function.Predicate<Node> control = n -> (n instanceof TextInputControl || n instanceof ButtonBase)
                && treeVisible(n) && !inToast(n);
        List<Node> controls = robot.from(leo.window().root()).lookup(control).queryAll().stream().toList();
        assertThat(controls).extracting(Node::getId).contains("newTokenField", "renewButton", "composer",
                "sendButton", "signOutButton", "newChatField");
        for (Node toast : toasts) {
            Bounds t = onFx(() -> toast.localToScene(toast.getBoundsInLocal()));
            for (Node c : controls) {
                Bounds b = onFx(() -> c.localToScene(c.getBoundsInLocal()));
                assertThat(t.intersects(b)).as("a banner covers %s", c).isFalse();
            }
        }
    }

    @Test
    void tabMovesTheFocusOutOfTheComposerWithAVisibleRing(FxRobot robot) {
        server.token("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        openChatWith(robot, "roy");
        TextArea composer = leo.node(robot, "#composer");
        awaitFx("the composer has the focus", composer::isFocused);
        robot.write("hello", 0);
        robot.type(KeyCode.TAB);
        awaitFx("Tab moved the focus to Send", () -> "sendButton".equals(focusOwner().getId()));
        assertThat(onFx(() -> composer.getText())).isEqualTo("hello");
        assertThat(onFx(() -> focusOwner().getEffect())).as("a focus ring").isNotNull();
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        awaitFx("Shift+Tab back to the composer", composer::isFocused);
        assertThat(onFx(() -> composer.getText())).doesNotContain("\t");
    }

    @Test
    void ctrlKOpensTheNewChatFieldAndEscapeClearsItThenLeavesIt(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        robot.clickOn((Node) leo.node(robot, "#conversationsList"));
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        TextInputControl field = leo.node(robot, "#newChatField");
        awaitFx("Ctrl+K focuses the new-chat field", field::isFocused);
        robot.write("someone", 0);
        robot.type(KeyCode.ESCAPE);
        awaitFx("Escape clears it", () -> field.getText().isEmpty() && field.isFocused());
        robot.type(KeyCode.ESCAPE);
        awaitFx("Escape again leaves it", () -> "conversationsList".equals(focusOwner().getId()));
    }

    @Test
    void ctrlTabMovesBetweenConversationsAndTheTitleCountsUnreadMessages(FxRobot robot) {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        roy.send("leo", "from roy");
        amy.send("leo", "from amy");
        amy.send("leo", "amy again");
        awaitFx("three unread in the title", () -> leo.stage().getTitle().equals("(3) Parley — leo"),
                () -> leo.stage().getTitle());

        awaitFx("amy's row shown", () -> leo.label(robot, ".conversation-peer", "amy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "amy").orElseThrow());
        awaitFx("amy's read", () -> leo.stage().getTitle().equals("(1) Parley — leo"), () -> leo.stage().getTitle());
        robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
        awaitFx("Ctrl+Tab opens the next conversation", () -> leo.service().isOpen(ConversationId.single("roy")));
        awaitFx("all read", () -> leo.stage().getTitle().equals("Parley — leo"), () -> leo.stage().getTitle());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT, KeyCode.CONTROL);
        awaitFx("Ctrl+Shift+Tab goes back", () -> leo.service().isOpen(ConversationId.single("amy")));
    }

    @Test
    void f1AndQuestionMarkShowTheShortcutsAndEscapeClosesThem(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        assertThat(robot.lookup("#shortcutsSheet").tryQuery()).as("the sheet is made when first asked for").isEmpty();
        robot.type(KeyCode.F1);
        Node sheet = leo.node(robot, "#shortcutsSheet");
        awaitFx("shown with F1", () -> treeVisible(sheet));
        assertThat(leo.texts(robot, ".shortcut-keys")).contains("Ctrl+N or Ctrl+K", "Ctrl+Tab / Ctrl+Shift+Tab",
                "F1 or ?");
        robot.type(KeyCode.ESCAPE);
        awaitFx("closed with Escape", () -> !treeVisible(sheet));

        robot.clickOn((Node) leo.node(robot, "#conversationsList"));
        robot.write("?", 0);
        awaitFx("shown with ?", () -> treeVisible(sheet));
        robot.clickOn((Node) leo.node(robot, "#closeShortcutsButton"));
        awaitFx("closed", () -> !treeVisible(sheet));
        robot.clickOn((Node) leo.node(robot, "#newChatField")).write("a?b", 0);
        assertThat(onFx(() -> treeVisible(sheet))).as("a ? typed into a field is text").isFalse();
    }

    private static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private static boolean inToast(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("toast")) {
                return true;
            }
        }
        return false;
    }
}
