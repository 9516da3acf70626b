package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.SeededHistory;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.MessageItem;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A message far back, in the real window against a real server: a search result 2,000 messages back opens a window of
 * the history around it (not 2,000 messages paged in), selected and highlighted, apart from the newest messages with
 * "Jump to latest" shown; a message that arrives meanwhile waits in the list's row, not in the window; scrolling down
 * pages newer messages in and joins the newest again; Ctrl+End (Jump to latest) shows the newest with what arrived.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineWindowTest {
    private static final int SEEDED = 2_100;
    private static final int WANTED_AT = 100; // 2,000 messages back

    private TestServer server;
    private AppWindow leo;
    private long firstId;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        server.register("leo", "Leo");
        server.register("roy", "Roy Smith");
        firstId = SeededHistory.seed(server, "roy", "leo", SEEDED, "chatter ", " of the day", WANTED_AT,
                "the pelican brief is on the shelf");
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    private String idOf(int i) {
        return Long.toString(firstId + i - 1);
    }

    @Test
    void aResultFarBackOpensDetachedAndJumpToLatestShowsWhatArrivedMeanwhile(FxRobot robot) {
        leo.signInDirectly(server.tokenSignIn("leo"));
        ListView<MessageItem> messages = openRoy(robot);

        shortcut(robot, KeyCode.F);
        TextField query = leo.node(robot, "#queryField");
        awaitFx("the search pane", query::isFocused);
        robot.write("pelican", 0);
        ListView<?> results = leo.node(robot, "#resultsList");
        awaitFx("one result", () -> results.getItems().size() == 1);
        key(robot, KeyCode.ENTER, false);
        awaitFx("the message shown, selected and highlighted, apart from the newest", () -> {
            MessageItem selected = messages.getSelectionModel().getSelectedItem();
            return selected != null && selected.serverId().equals(idOf(WANTED_AT))
                    && leo.texts(robot, ".message-body").contains("the pelican brief is on the shelf")
                    && messages.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("revealed"))
                    && shows(robot, "#latestButton");
        }, () -> messages.getItems().size());
        assertThat(onFx(() -> messages.getItems().size())).as("the pages before and after it").isEqualTo(100);
        assertThat(onFx(() -> messages.getItems().getFirst().text())).isEqualTo("chatter 51 of the day");
        assertThat(onFx(() -> messages.getItems().getLast().text())).isEqualTo("chatter 150 of the day");

        TestServer.join(server.peer("roy").client().send(dev.parley.client.TextMessage.create("leo",
                "fresh news while away")));
        awaitFx("the row tells of it, unread", () -> leo.service().getConversations().getFirst().preview()
                .equals("fresh news while away") && leo.service().getConversations().getFirst().unreadCount() == 1);
        assertThat(onFx(() -> messages.getItems().stream().noneMatch(m -> m.text().equals("fresh news while away"))))
                .as("not put in the middle of the window").isTrue();

        scrollToBottom(robot, messages);
        awaitFx("a newer page below", () -> messages.getItems().size() >= 150, () -> messages.getItems().size());
        assertThat(onFx(() -> messages.getItems().getFirst().text())).as("the reader's place kept")
                .isEqualTo("chatter 51 of the day");
        assertThat(onFx(() -> messages.getItems().getLast().text()))
                .isEqualTo("chatter " + (50 + onFx(() -> messages.getItems().size())) + " of the day");
        assertThat(onFx(() -> leo.service().timeline().isDetached())).isTrue();

        key(robot, KeyCode.END, true);
        awaitFx("the newest page, with the message that arrived", () -> !shows(robot, "#latestButton")
                && !messages.getItems().isEmpty()
                && messages.getItems().getLast().text().equals("fresh news while away")
                && messages.getItems().size() == 50, () -> messages.getItems().size());
        awaitFx("read now", () -> leo.service().getConversations().getFirst().unreadCount() == 0);
    }

    @Test
    void scrollingDownAWindowPagesNewerMessagesInUntilItJoinsTheNewest(FxRobot robot) throws Exception {
        leo.signInDirectly(server.tokenSignIn("leo"));
        ListView<MessageItem> messages = openRoy(robot);
        int wanted = SEEDED - 120;

        Optional<MessageItem> found = onFx(() -> leo.service().actions().reveal(idOf(wanted)))
                .get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(found).get().extracting(MessageItem::text).isEqualTo("chatter " + wanted + " of the day");
        awaitFx("detached", () -> shows(robot, "#latestButton"));

        for (int pages = 0; pages < 3 && onFx(() -> leo.service().timeline().isDetached()); pages++) {
            int before = onFx(() -> messages.getItems().size());
            scrollToBottom(robot, messages);
            awaitFx("a newer page", () -> messages.getItems().size() > before, () -> messages.getItems().size());
        }
        awaitFx("joined to the newest: no button", () -> !shows(robot, "#latestButton"));
        assertThat(onFx(() -> messages.getItems().getLast().text())).isEqualTo("chatter " + SEEDED + " of the day");
        assertThat(onFx(() -> messages.getItems().stream().map(MessageItem::serverId).distinct().count()))
                .as("every message once, from the window's first to the newest")
                .isEqualTo((long) SEEDED - (wanted - 49) + 1);

        TestServer.join(server.peer("roy").client().send(dev.parley.client.TextMessage.create("leo", "live again")));
        awaitFx("a new message goes at the end again", () -> messages.getItems().getLast().text()
                .equals("live again"));
    }

    private ListView<MessageItem> openRoy(FxRobot robot) {
        awaitFx("roy listed", () -> !leo.service().getConversations().isEmpty());
        onFx(() -> leo.service().openConversation(ConversationId.single("roy")));
        ListView<MessageItem> messages = leo.node(robot, "#messagesList");
        awaitFx("the newest page", () -> messages.getItems().size() == 50
                && messages.getItems().getLast().text().equals("chatter " + SEEDED + " of the day"));
        return messages;
    }

    /** Scrolls the list down to its end as the mouse wheel does, a few rows at a time, until more come in. */
    private static void scrollToBottom(FxRobot robot, ListView<MessageItem> messages) {
        VirtualFlow<?> flow = (VirtualFlow<?>) messages.lookup(".virtual-flow");
        int size = onFx(() -> messages.getItems().size());
        // laid out for the page just added first: until then the flow still reports the bottom it had before it (a
        // CI run read that, scrolled nowhere, and waited for a page nobody asked for)
        robot.interact(() -> {
            messages.applyCss();
            messages.layout();
        });
        for (int step = 0; step < 1_000 && onFx(() -> flow.getPosition() < 1 && messages.getItems().size() == size);
             step++) {
            robot.interact(() -> flow.scrollPixels(600));
        }
    }

    private void shortcut(FxRobot robot, KeyCode key) {
        key(robot, key, true);
    }

    private void key(FxRobot robot, KeyCode key, boolean shortcut) {
        robot.interact(() -> {
            Node target = leo.stage().getScene().getFocusOwner();
            Event.fireEvent(target == null ? leo.window().root() : target, new KeyEvent(KeyEvent.KEY_PRESSED, "",
                    "", key, false, shortcut, false, false));
        });
    }

    private boolean shows(FxRobot robot, String selector) {
        return leo.shows(robot, selector);
    }
}
