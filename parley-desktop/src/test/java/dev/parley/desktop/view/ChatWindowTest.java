package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.ConversationItem;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.settings.Theme;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** One app window against a real server and a plain SDK client, driven through the view. */
@ExtendWith(ApplicationExtension.class)
class ChatWindowTest {
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

    @Test
    void theNotificationsCheckBoxTurnsThemOffAtOnceAndTheSettingsKeepIt(FxRobot robot) {
        leo.signInWithToken(robot, server, "leo");
        CheckBox box = leo.node(robot, "#notificationsCheck");
        awaitFx("the box shown, checked", () -> box.isVisible() && box.isSelected());

        robot.clickOn(box);

        awaitFx("notifications off, remembered",
                () -> !leo.service().isNotificationsEnabled() && !leo.settings().notificationsEnabled());
    }

    @Test
    void theConversationHeaderShowsThePeersNicknameWithTheUserIdBeside(FxRobot robot) {
        server.register("roy", "Roy Smith");
        Peer roy = server.peer("roy");
        leo.signInWithToken(robot, server, "leo");
        roy.send("leo", "hello leo");
        awaitFx("the row named", () -> leo.label(robot, ".conversation-peer", "Roy Smith").isPresent());

        robot.clickOn(leo.label(robot, ".conversation-peer", "Roy Smith").orElseThrow());

        Label title = leo.node(robot, "#peerLabel");
        Label id = leo.node(robot, "#peerIdLabel");
        awaitFx("the header says Roy Smith, roy", () -> "Roy Smith".equals(title.getText())
                && "roy".equals(id.getText()) && id.isVisible(), () -> title.getText() + " / " + id.getText());
    }

    @Test
    void messagesFromAPeerAppearInTheListAndTheConversationAndRepliesAreDelivered(FxRobot robot) {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        leo.signInWithToken(robot, server, "leo");
        awaitFx("connected toast", () -> leo.label(robot, ".toast-text", "Connected to the server.").isPresent());

        roy.send("leo", "hello leo");
        amy.send("leo", "hi from amy");
        roy.send("leo", "are you there?");
        ListView<ConversationItem> list = leo.node(robot, "#conversationsList");
        awaitFx("two rows, newest first, with previews and unread counts",
                () -> leo.texts(robot, ".conversation-peer").equals(List.of("roy", "amy"))
                        && leo.texts(robot, ".conversation-preview").equals(List.of("are you there?", "hi from amy"))
                        && leo.texts(robot, ".unread-badge").equals(List.of("2", "1")),
                () -> list.getItems());

        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("conversation shown", () -> leo.texts(robot, ".message-body")
                .equals(List.of("hello leo", "are you there?")));
        assertThat(onFx(() -> leo.texts(robot, ".day-separator"))).as("one day separator").containsExactly("Today");
        assertThat(onFx(() -> leo.texts(robot, ".conversations .avatar-initials"))).as("avatars of initials")
                .containsExactly("R", "A");
        assertThat(onFx(() -> leo.texts(robot, "#headerAvatar .avatar-initials"))).as("the header's avatar")
                .containsExactly("R");
        roy.nextConversationRead();
        awaitFx("unread cleared", () -> leo.texts(robot, ".unread-badge").equals(List.of("1")));

        robot.clickOn((Node) leo.node(robot, "#composer")).write("hi roy", 0).type(KeyCode.ENTER);
        assertThat(roy.nextMessage().msg()).isEqualTo("hi roy");
        awaitFx("delivered", () -> leo.texts(robot, ".message-meta").getLast().endsWith("· delivered"));
        ListView<MessageItem> messages = leo.node(robot, "#messagesList");
        awaitFx("the sent message in view", () -> newestRowFullyInView(messages));
        awaitFx("the reply is shown and previewed", () -> leo.texts(robot, ".message-body").getLast().equals("hi roy")
                && leo.texts(robot, ".conversation-preview").getFirst().equals("You: hi roy"));

        robot.write("two", 0).press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT).write("lines", 0)
                .type(KeyCode.ENTER);
        assertThat(roy.nextMessage().msg()).isEqualTo("two\nlines");
    }

    @Test
    void aWrongPasswordIsShownAsASentence(FxRobot robot) {
        server.register("leo");
        leo.type(robot, "#userField", "leo");
        robot.clickOn((Node) leo.node(robot, "#passwordMethod"));
        leo.type(robot, "#secretField", "not my password");
        robot.type(KeyCode.ENTER);
        Label error = leo.node(robot, "#errorLabel");
        awaitFx("error shown", () -> error.isVisible() && !error.getText().isEmpty());
        assertThat(onFx(error::getText)).isEqualTo("Wrong user name or password.");

        leo.type(robot, "#secretField", TestServer.PASSWORD);
        robot.type(KeyCode.ENTER);
        awaitFx("signed in", () -> leo.service().isSignedIn());
        robot.clickOn((Node) leo.node(robot, "#signOutButton"));
        awaitFx("back to sign-in", () -> leo.node(robot, "#signInButton").getScene() != null
                && !leo.service().isSignedIn());
        assertThat(onFx(() -> leo.label(robot, ".toast-text", "You signed out.").isPresent())).isTrue();
    }

    @Test
    void markupInBodiesIsShownLiterally(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInWithToken(robot, server, "leo");
        String bold = "<b>hi</b>";
        String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        roy.send("leo", bold);
        roy.send("leo", script);
        awaitFx("listed with the literal preview", () -> leo.texts(robot, ".conversation-preview")
                .equals(List.of(script)));
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("shown literally", () -> leo.texts(robot, ".message-body").equals(List.of(bold, script)));
        assertThat(ModuleLayer.boot().findModule("javafx.web")).isEmpty();
        assertThat(onFx(() -> robot.from(leo.window().root()).lookup((Node n) -> n.getClass().getName()
                .contains("WebView")).queryAll())).isEmpty();
    }

    @Test
    void themeToggleAndNarrowWindowShowOnePaneAtATime(FxRobot robot) {
        server.token("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        robot.clickOn((Node) leo.node(robot, "#themeButton"));
        awaitFx("dark", () -> leo.settings().theme() == Theme.DARK
                && leo.window().root().getStyleClass().contains("dark"));

        robot.interact(() -> leo.stage().setWidth(420));
        while (onFx(() -> !leo.service().getToasts().isEmpty())) {
            robot.type(KeyCode.ESCAPE);
        }
        Node list = leo.node(robot, "#conversationsList");
        Node messages = leo.node(robot, "#messagesList");
        awaitFx("list only", () -> list.isVisible() && !messages.getParent().getParent().isVisible());
        robot.clickOn(list);
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        awaitFx("Ctrl+N focuses the new-chat field", () -> leo.node(robot, "#newChatField").isFocused());
        robot.write("roy\n", 0);
        Node back = leo.node(robot, "#backButton");
        awaitFx("conversation only", () -> !list.getParent().isVisible() && back.isVisible());
        robot.clickOn(back);
        awaitFx("list again", () -> list.getParent().isVisible() && leo.service().getOpenConversation().isEmpty());
        robot.clickOn((Node) leo.node(robot, "#moreButton")); // this narrow, the theme is in the top bar's ⋯ menu
        robot.clickOn("Light theme");
        awaitFx("light again", () -> leo.settings().theme() == Theme.LIGHT);
    }

    @Test
    void scrollingToTheTopPagesInOlderMessagesAndKeepsTheReaderInPlace(FxRobot robot) {
        Peer roy = server.peer("roy");
        Peer leoElsewhere = server.peer("leo");
        for (int i = 1; i <= 120; i++) {
            roy.send("leo", "message " + i);
        }
        for (int i = 1; i <= 120; i++) {
            leoElsewhere.nextMessage();
        }
        leoElsewhere.client().close();
        leo.signInDirectly(server.tokenSignIn("leo"));
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());

        ListView<MessageItem> messages = leo.node(robot, "#messagesList");
        awaitFx("the newest page, scrolled to the newest message", () -> messages.getItems().size() == 50
                && newestRowFullyInView(messages), () -> messages.getItems().size() + " " + leo.texts(robot,
                ".message-body"));
        robot.interact(() -> messages.scrollTo(0));
        awaitFx("an older page in front", () -> messages.getItems().size() == 100);
        awaitFx("the reader stays where they were", () -> leo.texts(robot, ".message-body").contains("message 71"),
                () -> leo.texts(robot, ".message-body"));
        robot.interact(() -> messages.scrollTo(0));
        awaitFx("the oldest page", () -> messages.getItems().size() == 120
                && !leo.service().olderAvailableProperty().get());
        assertThat(onFx(() -> messages.getItems().getFirst().text())).isEqualTo("message 1");
    }

    @Test
    void linksAreClickableAndALongLinkWrapsInsideItsBubble(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        String longLink = "https://example.com/" + "segment/".repeat(40) + "end?query=1&more=2";
        roy.send("leo", "Look at " + longLink + ". Nice, isn't it?");
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("shown", () -> leo.texts(robot, ".message-body").size() == 1);

        Text link = leo.seenNode(robot, ".message-link");
        ListView<MessageItem> messages = leo.node(robot, "#messagesList");
        Node bubble = leo.seenNode(robot, ".bubble");
        double lineHeight = onFx(() -> link.getFont().getSize());
        assertThat(onFx(() -> bubble.getBoundsInParent().getWidth())).as("the bubble fits the list")
                .isLessThan(onFx(() -> messages.getWidth() * 0.8));
        assertThat(onFx(() -> link.getBoundsInLocal().getHeight())).as("the link wraps over several lines")
                .isGreaterThan(lineHeight * 3);
        robot.clickOn(link);
        awaitFx("opened in the browser", () -> leo.openedLinks().equals(List.of(longLink)),
                () -> leo.openedLinks());
    }

    @Test
    void aMessageCanBeCopiedWholeOrAsItsLinkOrAsTheSelectionMadeWithTheMouse(FxRobot robot) {
        Peer roy = server.peer("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        String text = "Meet at the station at noon, map: https://example.org/map";
        roy.send("leo", text);
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        robot.clickOn(leo.label(robot, ".conversation-peer", "roy").orElseThrow());
        awaitFx("shown", () -> leo.texts(robot, ".message-body").equals(List.of(text)));
        Node body = leo.seenNode(robot, ".message-body");
        Text link = leo.seenNode(robot, ".message-link");

        Bounds screen = onFx(() -> body.localToScreen(body.getBoundsInLocal()));
        robot.moveTo(new Point2D(screen.getMinX() + 1, screen.getMinY() + 4)).press(MouseButton.PRIMARY)
                .moveTo(new Point2D(screen.getMinX() + 60, screen.getMinY() + 6))
                .moveTo(new Point2D(screen.getMinX() + 90, screen.getMinY() + 6)).release(MouseButton.PRIMARY);
        javafx.scene.shape.Path highlight = leo.seenNode(robot, ".message-selection");
        awaitFx("the selection is highlighted", () -> !highlight.getElements().isEmpty());
        robot.press(KeyCode.SHORTCUT).type(KeyCode.C).release(KeyCode.SHORTCUT);
        awaitFx("the selection copied", () -> {
            String copied = Clipboard.getSystemClipboard().getString();
            return copied != null && !copied.isEmpty() && text.startsWith(copied) && copied.length() < 20;
        }, () -> Clipboard.getSystemClipboard().getString());
        robot.clickOn(body.lookup(".message-text")); // a click drops the selection: Copy takes the whole message
        awaitFx("no selection", () -> highlight.getElements().isEmpty());
        robot.rightClickOn(body.lookup(".message-text")).clickOn("Copy");
        awaitFx("the whole message copied", () -> text.equals(Clipboard.getSystemClipboard().getString()));
        robot.rightClickOn(link).clickOn("Copy link");
        awaitFx("the link copied", () -> "https://example.org/map".equals(Clipboard.getSystemClipboard().getString()));

        assertThat(leo.openedLinks()).isEmpty();
    }

    private static boolean newestRowFullyInView(ListView<MessageItem> list) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last != null && last.getIndex() == list.getItems().size() - 1
                && last.getLayoutY() + last.getHeight() <= flow.getViewportLength() + 1;
    }
}
