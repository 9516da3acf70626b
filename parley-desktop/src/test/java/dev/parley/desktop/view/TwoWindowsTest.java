package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Two app windows (two stages, two chat services) chat with each other through a real server. */
@ExtendWith(ApplicationExtension.class)
class TwoWindowsTest {
    private TestServer server;
    private AppWindow leo;
    private AppWindow roy;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        leo = AppWindow.show(stage, server, 0, 0, 960, 490);
        roy = AppWindow.show(new Stage(), server, 0, 500, 960, 490);
    }

    @AfterEach
    void stop() {
        leo.close();
        roy.close();
        server.close();
    }

    /**
     * Keys are typed into each window's scene ({@code write}, with "\n" for Enter): the headless platform sends
     * OS-level key presses only to the window shown last. The typed sign-in is covered by {@code ChatWindowTest}.
     */
    @Test
    void twoInstancesChatWithEachOther(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        roy.signInDirectly(server.tokenSignIn("roy"));

        robot.clickOn((Node) leo.node(robot, "#newChatField")).write("roy\n", 0);
        awaitFx("leo's conversation with roy is open", () -> leo.service().isOpen(ConversationId.single("roy")));
        robot.clickOn((Node) leo.node(robot, "#composer")).write("Hi Roy, it's Leo\n", 0);

        awaitFx("roy sees leo's message in the list", () -> roy.texts(robot, ".conversation-preview")
                .equals(List.of("Hi Roy, it's Leo")) && roy.texts(robot, ".unread-badge").equals(List.of("1")));
        awaitFx("leo's bubble is delivered", () -> leo.texts(robot, ".message-meta").getLast()
                .endsWith("· delivered"));

        robot.clickOn(roy.label(robot, ".conversation-peer", "leo").orElseThrow());
        awaitFx("roy reads it", () -> roy.texts(robot, ".message-body").equals(List.of("Hi Roy, it's Leo"))
                && roy.texts(robot, ".unread-badge").isEmpty());
        awaitFx("leo sees it was read", () -> leo.texts(robot, ".message-meta").getLast().endsWith("· read"));

        robot.clickOn((Node) roy.node(robot, "#composer")).write("Hello Leo!\n", 0);
        awaitFx("leo gets the reply", () -> leo.texts(robot, ".message-body")
                .equals(List.of("Hi Roy, it's Leo", "Hello Leo!")));
        awaitFx("roy's reply is read by leo", () -> roy.texts(robot, ".message-meta").getLast().endsWith("· read"));
        assertThat(onFx(() -> leo.stage().getTitle())).isEqualTo("Parley — leo");
        assertThat(onFx(() -> roy.stage().getTitle())).isEqualTo("Parley — roy");
    }

    /**
     * The server is away for longer than the SDK used to try (5 attempts, about 10 s with Agora's schedule; the test
     * schedule waits 100 ms, so 30 attempts stand for a minute's outage), and comes back on the same port and data:
     * both windows reconnect by themselves, nobody clicks Reconnect, and what leo wrote meanwhile waited and went out.
     */
    @Test
    void aLongOutageEndsWithBothWindowsConnectedWithoutAClickAndTheWaitingMessageSent(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        roy.signInDirectly(server.tokenSignIn("roy"));
        robot.clickOn((Node) leo.node(robot, "#newChatField")).write("roy\n", 0);
        awaitFx("leo's conversation with roy is open", () -> leo.service().isOpen(ConversationId.single("roy")));
        Node leoReconnect = leo.node(robot, "#reconnectBar");
        Node royReconnect = roy.node(robot, "#reconnectBar");
        List<Boolean> reconnectShown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            leoReconnect.visibleProperty().addListener((o, was, shown) -> reconnectShown.add(shown));
            royReconnect.visibleProperty().addListener((o, was, shown) -> reconnectShown.add(shown));
        });

        server.stop();
        awaitFx("both offline", () -> leo.texts(robot, "#statusLabel").equals(List.of("Reconnecting…"))
                && roy.texts(robot, "#statusLabel").equals(List.of("Reconnecting…")));
        robot.clickOn((Node) leo.node(robot, "#composer")).write("written while the server was away\n", 0);
        awaitFx("the message waits", () -> leo.texts(robot, ".message-meta").getLast().endsWith("· waiting"));
        awaitFx("30 attempts each", () -> attempt(leo) >= 30 && attempt(roy) >= 30);
        assertThat(leo.texts(robot, ".message-meta")).noneMatch(t -> t.endsWith("not sent"));

        server.startAgain();
        awaitFx("both connected", () -> leo.texts(robot, "#statusLabel").equals(List.of("Connected"))
                && roy.texts(robot, "#statusLabel").equals(List.of("Connected")));
        awaitFx("roy gets what leo wrote offline", () -> roy.texts(robot, ".conversation-preview")
                .equals(List.of("written while the server was away")));
        awaitFx("leo's message is delivered", () -> leo.texts(robot, ".message-meta").getLast()
                .endsWith("· delivered"));
        assertThat(reconnectShown).as("the Reconnect bar never appeared").doesNotContain(true);
    }

    /** The attempt number of the window's newest "Reconnecting…" toast, 0 if none. */
    private static int attempt(AppWindow window) {
        return window.service().getToasts().stream().map(t -> t.text())
                .filter(t -> t.startsWith("Reconnecting… (attempt "))
                .mapToInt(t -> Integer.parseInt(t.replaceAll("\\D", ""))).max().orElse(0);
    }
}
