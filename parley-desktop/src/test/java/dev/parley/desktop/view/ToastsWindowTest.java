package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.service.ToastKind;
import dev.parley.desktop.service.Toast;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Toast banners and the status indicator for connection changes, token expiry and errors, seen in the window. */
@ExtendWith(ApplicationExtension.class)
class ToastsWindowTest {
    private TestServer server;
    private AppWindow leo;
    /** Every toast text shown, in order (some toasts replace others quickly, such as the reconnect attempts). */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
        leo.service().getToasts().addListener((ListChangeListener<Toast>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(toast -> seen.add(toast.text()));
            }
        });
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    private List<String> toasts(FxRobot robot) {
        return onFx(() -> leo.texts(robot, ".toast-text"));
    }

    private String status(FxRobot robot) {
        return ((Labeled) leo.node(robot, "#statusLabel")).getText();
    }

    @Test
    void connectionChangesAreToldAndToastsStackAndCanBeDismissed(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        awaitFx("connected toast", () -> leo.texts(robot, ".toast-text").contains("Connected to the server."));

        server.stop();
        awaitFx("disconnected toast", () -> leo.texts(robot, ".toast-text").contains("Disconnected from the server."));
        awaitFx("still trying after the 5 attempts the SDK used to make", () -> seen.contains(
                "Reconnecting… (attempt 8)") && status(robot).equals("Reconnecting…"), () -> seen);
        assertThat(seen).contains("Reconnecting… (attempt 1)", "Reconnecting… (attempt 5)");
        Node reconnectBar = leo.node(robot, "#reconnectBar");
        assertThat(onFx(reconnectBar::isVisible)).as("no Reconnect button to click").isFalse();

        server.startAgain();
        awaitFx("connected again by itself", () -> leo.texts(robot, ".toast-text").contains("Connected again."));
        awaitFx("connected, without the reconnect button", () -> !reconnectBar.isVisible()
                && status(robot).equals("Connected"));
        onFx(() -> leo.service().toasts().show(ToastKind.INFO, "one more, to stack"));

        List<String> before = toasts(robot);
        assertThat(before.size()).as("toasts stack").isGreaterThanOrEqualTo(2);
        String newest = before.getLast();
        robot.type(KeyCode.ESCAPE);
        awaitFx("newest dismissed by Escape", () -> !leo.texts(robot, ".toast-text").contains(newest));
        assertThat(toasts(robot)).as("older toasts stay").isNotEmpty();
        Node close = leo.node(robot, ".toast-close");
        String closed = onFx(() -> ((Labeled) close.getParent().lookup(".toast-text")).getText());
        robot.clickOn(close);
        awaitFx("closed with ×", () -> !leo.texts(robot, ".toast-text").contains(closed));
    }

    @Test
    void expiringTokenWarnsThenExpiresThenAPastedTokenSignsInAgain(FxRobot robot) {
        leo.signInDirectly(new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo", SignInMethod.TOKEN,
                server.token("leo", Duration.ofSeconds(2))));
        Node renewBar = leo.node(robot, "#renewBar");
        awaitFx("expired toast", () -> leo.texts(robot, ".toast-text")
                .contains("Your session has expired. Paste a new token to continue.") && renewBar.isVisible());
        assertThat(seen).as("warned first").containsSubsequence(
                "Your session ends soon. Paste a new token to stay signed in.",
                "Your session has expired. Paste a new token to continue.");
        awaitFx("offline", () -> status(robot).equals("Offline"));

        leo.paste(robot, "#newTokenField", server.token("leo"));
        robot.type(KeyCode.ENTER);
        awaitFx("signed in again", () -> status(robot).equals("Connected") && !renewBar.isVisible());
    }

    @Test
    void aNewChatWithAnUnknownUserIsRefusedInTheFieldAndOpensOnceTheUserExists(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        leo.type(robot, "#newChatField", "ghost");
        robot.type(KeyCode.ENTER);
        awaitFx("error toast", () -> leo.texts(robot, ".toast-text")
                .contains("New chat: there is no user “ghost” on this server."));
        assertThat(onFx(() -> leo.service().getOpenConversation())).as("no chat opened").isEmpty();
        assertThat(onFx(() -> leo.service().getConversations())).as("no empty chat left in the list").isEmpty();

        server.token("ghost");
        while (onFx(() -> !leo.service().getToasts().isEmpty())) {
            robot.type(KeyCode.ESCAPE);
        }
        leo.type(robot, "#newChatField", "ghost");
        robot.type(KeyCode.ENTER);
        awaitFx("conversation open", () -> leo.service().isOpen(ConversationId.single("ghost")));
        robot.clickOn((Node) leo.node(robot, "#composer")).write("anyone?", 0).type(KeyCode.ENTER);
        awaitFx("sent", () -> leo.texts(robot, ".message-meta").getLast().endsWith("· sent"));
        assertThat(onFx(() -> leo.texts(robot, ".message-body"))).containsExactly("anyone?");
    }
}
