package dev.parley.desktop.search;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.live.FxScheduler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The search panel in a window: Ctrl+F, typing, highlighted results, Down and Enter to open one, Escape. */
@ExtendWith(ApplicationExtension.class)
class SearchPanelTest {
    private final List<SearchHit> opened = new CopyOnWriteArrayList<>();
    private TestServer server;
    private Peer leo;
    private SearchViewModel viewModel;
    private SearchPanel panel;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        server = TestServer.start();
        leo = server.peer("leo");
        viewModel = new SearchViewModel(new SearchService(leo.client(), Platform::runLater), "leo",
                ConversationId::id, user -> user, FxScheduler.javafx(), Clock.systemDefaultZone(), opened::add);
        panel = SearchPanel.load(viewModel);
        BorderPane root = new BorderPane(new Label("the conversation"));
        root.setTop(panel.root());
        Scene scene = new Scene(root, 640, 480);
        panel.installShortcut(scene);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private ListView<SearchHit> results(FxRobot robot) {
        return (ListView<SearchHit>) robot.lookup(".search-results").queryAs(ListView.class);
    }

    private List<String> marked(FxRobot robot) {
        return onFx(() -> robot.lookup(".search-match").queryAllAs(Text.class).stream()
                .filter(Node::isVisible).map(Text::getText).toList());
    }

    /** The matches are bold and in another colour than the rest of the text (whichever theme). */
    private void assertMatchesStandOut(FxRobot robot) {
        onFx(() -> {
            robot.lookup(".search-results").query().getScene().getRoot().applyCss();
            Text match = robot.lookup(".search-match").queryAs(Text.class);
            Text plain = robot.lookup(".search-hit-text").queryAs(Text.class);
            assertThat(match.getFont().getStyle()).containsIgnoringCase("bold");
            assertThat(match.getFill()).isNotEqualTo(plain.getFill());
            return null;
        });
    }

    @Test
    void typeSeeMarkedResultsAndOpenOneByKeyboard(FxRobot robot) {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        String royHello = roy.send("leo", "Hello world").serverId();
        amy.send("leo", "hello again, HELLO");
        Node panelRoot = panel.root();
        assertThat(onFx(panelRoot::isVisible)).as("closed until Ctrl+F").isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        awaitFx("the panel open, the focus in the query", () -> panelRoot.isVisible()
                && robot.lookup(".search-panel .text-field").queryAs(TextField.class).isFocused());
        assertThat(onFx(() -> robot.lookup(".search-status").queryAs(Label.class).getText()))
                .isEqualTo("Type to search all conversations.");

        robot.write("hello");
        awaitFx("two results", () -> results(robot).getItems().size() == 2
                && robot.lookup(".search-status").queryAs(Label.class).getText().equals("2 messages"));
        awaitFx("every match in bold", () -> marked(robot).size() == 3, () -> marked(robot));
        assertThat(marked(robot)).containsExactly("hello", "HELLO", "Hello");
        assertMatchesStandOut(robot);
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        assertMatchesStandOut(robot);

        robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        awaitFx("the second result selected", () -> results(robot).getSelectionModel().getSelectedIndex() == 1);
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        awaitFx("opened", () -> opened.size() == 1);
        assertThat(opened.getFirst().message().id()).isEqualTo(royHello);
        assertThat(opened.getFirst().conversation()).isEqualTo(ConversationId.single("roy"));
        assertThat(onFx(panelRoot::isVisible)).as("closed after opening").isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        awaitFx("open again", panelRoot::isVisible);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        awaitFx("Escape closes", () -> !panelRoot.isVisible());
        assertThat(opened).hasSize(1);
    }

    @Test
    void noResultsAreSaid(FxRobot robot) {
        onFx(() -> {
            panel.open();
            return null;
        });
        robot.write("xyzzy");
        awaitFx("nothing found", () -> robot.lookup(".search-status").queryAs(Label.class).getText()
                .equals("No messages contain “xyzzy”."));
        assertThat(onFx(() -> results(robot).getItems())).isEmpty();
    }
}
