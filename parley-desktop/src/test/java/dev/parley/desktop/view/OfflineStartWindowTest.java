package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.service.MessageStatus;
import dev.parley.desktop.service.OutboxStore;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
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
 * The offline start in the window: a signed-in start while the server is down shows the chat screen with the cached
 * list and messages and "Reconnecting…", takes a message into the outbox, and once the server is back is connected,
 * sends it (once) and brings the list up to date.
 */
@ExtendWith(ApplicationExtension.class)
class OfflineStartWindowTest {
    private TestServer server;
    private AppWindow leo;
    private Path profile;

    @Start
    void start(Stage stage) throws Exception {
        server = TestServer.start();
        profile = Files.createTempDirectory("parley-offline-window");
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    private SignInRequest request(String token) {
        return new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo", SignInMethod.TOKEN, token);
    }

    /** The last run of the app: leo signed in, got roy's message; the cache keeps the list and the message. */
    private String lastRun(Peer roy) throws Exception {
        String token = server.token("leo");
        roy.send("leo", "from the last run");
        DirectFx fx = new DirectFx();
        ChatService last = server.service(fx, OutboxStore.inDirectory(profile));
        fx.run(() -> last.useLocalCache(profile));
        fx.get(() -> last.signIn(request(token))).get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        fx.run(() -> last.openConversation(ConversationId.single("roy")));
        fx.await("listed and read", () -> last.getConversations().size() == 1 && !last.isSyncing()
                && last.getMessages().stream().map(MessageItem::text).toList().equals(List.of("from the last run")));
        fx.run(last::close);
        return token;
    }

    private String status(FxRobot robot) {
        return ((Labeled) leo.node(robot, "#statusLabel")).getText();
    }

    private boolean shown(FxRobot robot, String selector) {
        return robot.from(leo.window().root()).lookup(selector).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aStartWithTheServerDownShowsTheCacheAndCatchesUpWhenTheServerIsBack(FxRobot robot) throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        String token = lastRun(roy);
        amy.send("leo", "while you were away");
        server.stop();

        onFx(() -> {
            leo.service().useLocalCache(profile);
            return leo.service().signIn(request(token));
        });
        awaitFx("the chat screen with the cached row, reconnecting", () -> !shown(robot, "#userField")
                && leo.texts(robot, ".conversation-peer").equals(List.of("roy"))
                && status(robot).equals("Reconnecting…"), () -> status(robot));
        onFx(() -> {
            ((ListView<?>) leo.node(robot, "#conversationsList")).getSelectionModel().select(0);
            return null;
        });
        awaitFx("the cached message", () -> leo.texts(robot, ".message-body").equals(List.of("from the last run")));
        robot.clickOn((Node) leo.node(robot, "#composer")).write("written offline", 0).type(KeyCode.ENTER);
        awaitFx("waiting in the outbox", () -> leo.texts(robot, ".message-body")
                .equals(List.of("from the last run", "written offline"))
                && leo.service().getMessages().getLast().status() == MessageStatus.WAITING);
        assertThat(onFx(() -> leo.service().isSignedIn())).isFalse();

        server.startAgain();
        awaitFx("connected, the list brought up to date", () -> status(robot).equals("Connected")
                && leo.service().isSignedIn()
                && leo.texts(robot, ".conversation-peer").containsAll(List.of("roy", "amy")),
                () -> status(robot) + " " + leo.texts(robot, ".conversation-peer"));
        assertThat(roy.nextMessage().msg()).isEqualTo("written offline");
        awaitFx("sent", () -> leo.service().getMessages().getLast().status().compareTo(MessageStatus.SENT) >= 0);
        assertThat(server.storedLocalIds("leo")).hasSize(1);
        assertThat(leo.texts(robot, ".message-body")).containsExactly("from the last run", "written offline");
    }
}
