package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.media.PngWriter;
import dev.parley.protocol.ChatType;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's top bar and the open conversation's header in a narrow window (360 px, the window's least width): a
 * group with a long name is open; every button of both bars stays inside the window, the title is cut with "…"
 * rather than pushing a button out (a one-to-one chat's long nickname too), and the top bar's less used controls are
 * in its ⋯ menu, which works. With {@code -Dsnap} it writes pictures to {@code /tmp/names-header-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
class NarrowHeaderWindowTest {
    private static final String LONG_NAME = "Weekend trip to the mountains with everyone from the climbing club";

    private TestServer server;
    private AppWindow leo;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        server.register("leo", "Leonardo Bartholomew Jones");
        server.register("roy", "Roy Alexander Montgomery-Smith");
    }

    @AfterEach
    void stop() {
        if (leo != null) {
            leo.close();
        }
        server.close();
    }

    /** The buttons (and check boxes) of {@code bar} that are shown. */
    private static List<ButtonBase> buttonsOf(FxRobot robot, Node bar) {
        return robot.from(bar).lookup((Node n) -> n instanceof ButtonBase && n.isVisible() && visibleUp(n, bar))
                .<ButtonBase>queryAll().stream().toList();
    }

    private static boolean visibleUp(Node node, Node bar) {
        for (Node n = node; n != null && n != bar; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The buttons of the bar that reach out of the window (or are squeezed below their own width), by text. */
    private List<String> outside(FxRobot robot, String barSelector) {
        return onFx(() -> {
            Node bar = leo.node(robot, barSelector);
            double width = leo.stage().getScene().getWidth();
            return buttonsOf(robot, bar).stream().filter(b -> {
                Bounds inScene = b.localToScene(b.getBoundsInLocal());
                return inScene.getMinX() < 0 || inScene.getMaxX() > width + 0.5
                        || b.getWidth() + 0.5 < b.minWidth(-1);
            }).map(b -> describe(b)).toList();
        });
    }

    private static String describe(ButtonBase b) {
        return (b.getId() == null ? "" : "#" + b.getId()) + " " + b.getText() + " " + b.getAccessibleText();
    }

    /** What the label shows: its text as drawn (cut with "…" when it does not fit). */
    private static String shown(Label label) {
        Text text = (Text) label.lookup(".text");
        return text == null ? "" : text.getText();
    }

    @Test
    void inANarrowWindowTheBarsKeepTheirButtonsInsideAndTheTitleIsCut(FxRobot robot) throws Exception {
        TestServer.Peer roy = server.peer("roy");
        String group = TestServer.join(roy.client().groupManager().createGroup(LONG_NAME, List.of("leo")));
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage(group, "who brings the tent?")
                .withChatType(ChatType.GROUP)));
        roy.send("leo", "and just to you");
        leo = onFx(() -> AppWindow.show(new Stage(), server, 0, 0, 960, 640));
        leo.signInDirectly(server.tokenSignIn("leo"));
        awaitFx("the group listed", () -> leo.label(robot, ".conversation-peer", LONG_NAME).isPresent());
        onFx(() -> leo.service().openConversation(ConversationId.group(group)));
        awaitFx("the group open, its title in the header", () -> LONG_NAME.equals(
                leo.<Label>node(robot, "#peerLabel").getText()) && leo.shows(robot, "#membersButton"));
        snap(robot, "wide");

        onFx(() -> {
            leo.stage().setWidth(360);
            return null;
        });
        awaitFx("360 px wide", () -> leo.stage().getScene().getWidth() <= 360);
        WaitForAsyncUtils.waitForFxEvents(3);
        snap(robot, "narrow");

        assertThat(outside(robot, ".top-bar")).as("the top bar's buttons inside the window").isEmpty();
        assertThat(outside(robot, "#header")).as("the header's buttons inside the window").isEmpty();
        assertThat(onFx(() -> buttonsOf(robot, leo.node(robot, "#header")).stream().map(b -> b.getId()).toList()))
                .as("back, search and members reachable").contains("backButton", "membersButton");
        Label title = leo.node(robot, "#peerLabel");
        assertThat(onFx(() -> shown(title))).as("the title cut with an ellipsis").endsWith("…")
                .isNotEqualTo(LONG_NAME);
        assertThat(onFx(() -> title.getWidth())).as("the title keeps some room").isGreaterThan(40);

        assertThat(onFx(() -> buttonsOf(robot, leo.node(robot, ".top-bar")).stream().map(b -> b.getId()).toList()))
                .as("the less used controls in the ⋯ menu").containsExactly("moreButton");
        robot.clickOn((Node) leo.node(robot, "#moreButton"));
        robot.clickOn("Dark theme");
        awaitFx("the theme changed from the menu", () -> leo.window().root().getStyleClass().contains("dark"));
        snap(robot, "narrow-dark");
        onFx(() -> leo.service().openConversation(ConversationId.single("roy")));
        awaitFx("the chat with roy open", () -> "Roy Alexander Montgomery-Smith".equals(title.getText()));
        WaitForAsyncUtils.waitForFxEvents(3);
        snap(robot, "narrow-single");
        assertThat(outside(robot, "#header")).as("a one-to-one header's buttons inside the window").isEmpty();
        assertThat(onFx(() -> shown(title))).as("a long nickname cut with an ellipsis").endsWith("…");

        robot.clickOn((Node) leo.node(robot, "#moreButton"));
        robot.clickOn("Settings");
        awaitFx("the settings pane opened from the menu", () -> robot.lookup(".profile-sheet").tryQuery()
                .map(Node::isVisible).orElse(false));
    }

    /** With -Dsnap, a picture of the window in /tmp, to look at. */
    private void snap(FxRobot robot, String name) throws Exception {
        if (System.getProperty("snap") != null) {
            WaitForAsyncUtils.waitForFxEvents(3);
            PngWriter.write(onFx(() -> leo.stage().getScene().snapshot(null)),
                    Path.of("/tmp/names-header-" + name + ".png"));
        }
    }
}
