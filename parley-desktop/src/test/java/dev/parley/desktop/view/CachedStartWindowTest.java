package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.HoldingProxy;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The instant start in the window: with a local cache, signing in again shows the chat screen with the cached list
 * and messages while the server has not answered (a proxy holds the connection), and the sign-in screen again, empty,
 * after signing out.
 */
@ExtendWith(ApplicationExtension.class)
class CachedStartWindowTest {
    private TestServer server;
    private HoldingProxy proxy;
    private AppWindow leo;
    private Path profile;

    @Start
    void start(Stage stage) throws Exception {
        server = TestServer.start();
        proxy = new HoldingProxy(URI.create(server.wsUrl()).getPort());
        profile = Files.createTempDirectory("parley-cached-window");
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() throws Exception {
        leo.close();
        proxy.close();
        server.close();
    }

    private SignInRequest request() {
        return new SignInRequest(proxy.wsUrl(), TestServer.APP_KEY, "leo", SignInMethod.TOKEN, server.token("leo"));
    }

    private boolean shown(FxRobot robot, String selector) {
        return robot.from(leo.window().root()).lookup(selector).tryQuery().map(Node::isVisible).orElse(false);
    }

    /** Roy's row's title, on screen. */
    private java.util.Optional<Node> royRow(FxRobot robot) {
        return robot.from(leo.window().root()).lookup(".conversation-peer").queryAll().stream()
                .filter(n -> n.getScene() != null && treeVisible(n)
                        && "roy".equals(((javafx.scene.control.Label) n).getText()))
                .findFirst();
    }

    /** Whether {@code node} and all its parents are visible (a list's spare cells are hidden, not removed). */
    private static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theCachedListAndMessagesShowBeforeTheServerAnswers(FxRobot robot) {
        server.token("leo");
        Peer roy = server.peer("roy");
        roy.send("leo", "from the last run");
        onFx(() -> {
            leo.service().useLocalCache(profile);
            return null;
        });
        leo.signInDirectly(request());
        awaitFx("listed", () -> leo.label(robot, ".conversation-peer", "roy").isPresent());
        onFx(() -> {
            leo.service().signOut();
            return null;
        });
        awaitFx("the sign-in screen, no rows", () -> shown(robot, "#userField")
                && leo.texts(robot, ".conversation-peer").isEmpty());

        proxy.hold();
        onFx(() -> leo.service().signIn(request()));
        awaitFx("the chat screen with the cached row, not signed in yet",
                () -> royRow(robot).isPresent() && !leo.service().isSignedIn());
        // selected as a click selects it (the list may still be laying its cells out anew: a click could miss)
        onFx(() -> {
            ((javafx.scene.control.ListView<?>) leo.node(robot, "#conversationsList")).getSelectionModel().select(0);
            return null;
        });
        awaitFx("the cached message", () -> leo.texts(robot, ".message-body").equals(List.of("from the last run")));
        assertThat(onFx(() -> leo.service().isSignedIn())).as("the server has not answered").isFalse();

        proxy.release();
        awaitFx("signed in, the same single message", () -> leo.service().isSignedIn()
                && leo.texts(robot, ".message-body").equals(List.of("from the last run"))
                && leo.texts(robot, ".conversation-peer").equals(List.of("roy")));
    }
}
