package dev.parley.desktop.profile;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.UserInfo;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.settings.Theme;
import dev.parley.desktop.view.AppWindow;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The settings pane in a real window against a real server, driven by mouse and keyboard. */
@ExtendWith(ApplicationExtension.class)
class ProfilePaneTest {
    private TestServer server;
    private AppWindow leo;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        server.register("leo");
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    private Node sheet(FxRobot robot) {
        return leo.node(robot, ".profile-sheet");
    }

    /** The pane open and laid out (it is loaded when first opened), the cursor in the nickname. */
    private void awaitOpen(FxRobot robot) {
        awaitFx("open", () -> sheet(robot).isVisible() && robot.lookup("#nicknameField").tryQuery()
                .map(Node::isFocused).orElse(false));
    }

    @Test
    void theTopBarOpensThePaneWhereTheNicknameIsSavedWithEnterTheThemeSwitchesAndEscapeCloses(FxRobot robot) {
        leo.signInWithToken(robot, server, "leo");
        assertThat(robot.lookup(".profile-sheet").tryQuery()).as("the pane is made when first opened").isEmpty();

        robot.clickOn((Node) leo.node(robot, "#settingsButton"));

        TextField nickname = leo.node(robot, "#nicknameField");
        awaitFx("the pane open with the cursor in the nickname", () -> sheet(robot).isVisible() && nickname.isFocused());
        assertThat(onFx(() -> ((Label) leo.node(robot, "#userIdLabel")).getText())).isEqualTo("leo");
        leo.type(robot, "#nicknameField", "Leo T");
        robot.type(KeyCode.ENTER);
        Label message = leo.node(robot, "#nicknameMessage");
        awaitFx("saved", () -> "Nickname saved.".equals(message.getText()), message::getText);
        Peer roy = server.peer("roy");
        UserInfo seen = TestServer.join(roy.client().userInfoManager().fetchUserInfo("leo")).orElseThrow();
        assertThat(seen.nickname()).isEqualTo("Leo T");

        robot.clickOn((Node) leo.node(robot, "#darkTheme"));
        awaitFx("dark, applied and kept", () -> leo.window().root().getStyleClass().contains("dark")
                && leo.settings().theme() == Theme.DARK);
        assertThat(onFx(() -> ((RadioButton) leo.node(robot, "#darkTheme")).isSelected())).isTrue();

        robot.type(KeyCode.ESCAPE);
        awaitFx("closed, the focus back in the chat", () -> !sheet(robot).isVisible()
                && leo.node(robot, "#newChatField").isFocused());

        // Ctrl+, opens it again, fetched afresh from the server.
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        awaitFx("open again with the saved nickname", () -> sheet(robot).isVisible()
                && "Leo T".equals(nickname.getText()));
    }

    @Test
    void aTooLongNicknameIsRefusedWithASentenceInThePane(FxRobot robot) {
        leo.signInWithToken(robot, server, "leo");
        robot.clickOn((Node) leo.node(robot, "#settingsButton"));
        awaitOpen(robot);

        leo.paste(robot, "#nicknameField", "n".repeat(70));
        robot.clickOn((Node) leo.node(robot, "#saveNicknameButton"));

        Label message = leo.node(robot, "#nicknameMessage");
        awaitFx("refused", () -> "Nickname: use at most 64 characters (this one has 70).".equals(message.getText()),
                message::getText);
        assertThat(onFx(() -> message.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("failed")))).isTrue();
    }

    @Test
    void aPictureIsCroppedByMouseAndKeyboardAndSavedAsTheAvatar(FxRobot robot, @TempDir Path dir) throws Exception {
        // 600 × 400: left half red, right half blue.
        Path file = TestPictures.png(dir.resolve("me.png"), TestPictures.halves(600, 400, 0xffff0000, 0xff0000ff),
                600, 400);
        leo.signInWithToken(robot, server, "leo");
        robot.clickOn((Node) leo.node(robot, "#settingsButton"));
        awaitOpen(robot);
        AvatarEditor avatar = onFx(() -> leo.window().profileViewModel().avatar());

        onFx(() -> {
            avatar.pick(file);
            return null;
        });

        Node crop = leo.node(robot, "#cropView");
        Node cropBox = leo.node(robot, "#cropBox");
        awaitFx("cropping, the crop view focused", () -> cropBox.isVisible() && crop.isFocused());
        assertThat(onFx(() -> avatar.selectionProperty().get())).isEqualTo(new CropSquare(100, 0, 400));
        // The mouse drags the square by its inside: 30 view pixels left are about 64 picture pixels here. The events
        // are given to the view itself: TestFX's drag on the headless platform sometimes found the view on no screen.
        dragBy(crop, -30);
        awaitFx("dragged left", () -> {
            CropSquare s = avatar.selectionProperty().get();
            return s.x() > 20 && s.x() < 60 && s.y() == 0 && s.side() == 400;
        }, () -> avatar.selectionProperty().get());
        robot.type(KeyCode.LEFT, 20);
        awaitFx("moved to the left edge", () -> avatar.selectionProperty().get().equals(new CropSquare(0, 0, 400)),
                () -> avatar.selectionProperty().get());
        robot.press(KeyCode.SHIFT).type(KeyCode.UP, 25).release(KeyCode.SHIFT);
        awaitFx("shrunk to half", () -> avatar.selectionProperty().get().equals(new CropSquare(0, 0, 200)),
                () -> avatar.selectionProperty().get());

        // Tab goes on to "Save picture" (scrolled into view); Space presses it.
        robot.type(KeyCode.TAB);
        awaitFx("on Save picture", () -> leo.node(robot, "#savePictureButton").isFocused());
        robot.type(KeyCode.SPACE);

        Label message = leo.node(robot, "#avatarMessage");
        awaitFx("saved", () -> "Picture saved.".equals(message.getText()) && !cropBox.isVisible(),
                message::getText);
        ImageView shown = leo.node(robot, "#avatarImage");
        awaitFx("shown", () -> shown.isVisible() && shown.getImage() != null);
        assertThat(onFx(() -> shown.getImage().getWidth())).isEqualTo(256);
        Peer roy = server.peer("roy");
        byte[] fetched = TestServer.join(roy.client().userInfoManager().fetchAvatar("leo")).orElseThrow();
        TestPictures.Pixels back = TestPictures.decode(fetched);
        // The square kept was the left 200 × 200: all red.
        assertThat(back.width()).isEqualTo(256);
        assertThat(back.at(0, 0)).isEqualTo(0xffff0000);
        assertThat(back.at(255, 255)).isEqualTo(0xffff0000);
    }

    /** A press at the middle of {@code node}, a drag {@code dx} view pixels across, and the release. */
    private static void dragBy(Node node, double dx) {
        onFx(() -> {
            javafx.geometry.Bounds b = node.getLayoutBounds();
            javafx.geometry.Point2D from = node.localToScene(b.getCenterX(), b.getCenterY());
            mouse(node, MouseEvent.MOUSE_PRESSED, from.getX(), from.getY());
            mouse(node, MouseEvent.MOUSE_DRAGGED, from.getX() + dx / 2, from.getY());
            mouse(node, MouseEvent.MOUSE_DRAGGED, from.getX() + dx, from.getY());
            mouse(node, MouseEvent.MOUSE_RELEASED, from.getX() + dx, from.getY());
            return null;
        });
    }

    private static void mouse(Node node, javafx.event.EventType<MouseEvent> type, double sceneX, double sceneY) {
        node.fireEvent(new MouseEvent(type, sceneX, sceneY, sceneX, sceneY, MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, false, null));
    }
}
