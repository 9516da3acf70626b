package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Groups in the list and the header, in the real window against a real server: a group made over REST in the user's
 * name while they were away (no message, no event to sync) is listed at sign-in with its name; the header of a group
 * says how many members it has and follows additions and removals; the user's own changes to a group are notes in
 * their timeline too ("You added Amy Lee"); the list's new-chat hint reads whole in a wide and a narrow window.
 */
@ExtendWith(ApplicationExtension.class)
class GroupHeaderAndListWindowTest {
    private TestServer server;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        server.register("leo", "Leo");
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AppWindow window(double width) {
        return onFx(() -> AppWindow.show(new Stage(), server, 0, 0, width, 640));
    }

    private static String header(FxRobot robot, AppWindow window) {
        return ((Label) window.node(robot, "#presenceLabel")).getText();
    }

    @Test
    void groupsWithoutMessagesAreListedForTheirCreatorAtSignIn(FxRobot robot) {
        Peer leoElsewhere = server.peer("leo"); // a script in leo's name, as the demo does
        String older = TestServer.join(leoElsewhere.client().groupManager().createGroup("book club",
                List.of("roy")));
        String lunch = TestServer.join(leoElsewhere.client().groupManager().createGroup("lunch",
                List.of("roy", "amy")));
        AppWindow leo = window(960);
        leo.signInDirectly(server.tokenSignIn("leo"));

        awaitFx("both groups listed with their names", () -> leo.texts(robot, ".conversation-peer")
                .containsAll(List.of("lunch", "book club")), () -> leo.texts(robot, ".conversation-peer"));
        assertThat(onFx(() -> leo.service().getConversations().stream().map(r -> r.line()).distinct().toList()))
                .containsExactly("No messages yet");
        List<ConversationId> order = onFx(() -> leo.service().getConversations().stream()
                .map(r -> r.conversation()).toList());
        assertThat(order).containsExactlyInAnyOrder(ConversationId.group(older), ConversationId.group(lunch));
        var made = leoElsewhere.client().groupManager();
        if (TestServer.join(made.getGroupInfo(lunch)).created().isAfter(
                TestServer.join(made.getGroupInfo(older)).created())) {
            assertThat(order).as("newest first, by creation").containsExactly(ConversationId.group(lunch),
                    ConversationId.group(older));
        }
        leo.close();
    }

    @Test
    void aGroupsHeaderCountsItsMembersAndTheUsersOwnChangesAreNotes(FxRobot robot) {
        AppWindow leo = window(960);
        leo.signInDirectly(server.tokenSignIn("leo"));
        ChatClient client = onFx(() -> leo.service().currentClient().orElseThrow());
        String group = TestServer.join(client.groupManager().createGroup("trip", List.of("roy")));
        ConversationId trip = ConversationId.group(group);
        awaitFx("the new group listed", () -> leo.label(robot, ".conversation-peer", "trip").isPresent());
        onFx(() -> leo.service().openConversation(trip));
        awaitFx("the header counts leo and roy", () -> header(robot, leo).equals("2 members"),
                () -> header(robot, leo));

        TestServer.join(client.groupManager().addUsersToGroup(group, List.of("amy")));
        awaitFx("amy counted", () -> header(robot, leo).equals("3 members"), () -> header(robot, leo));
        TestServer.join(client.groupManager().changeGroupName(group, "Lunch"));
        TestServer.join(client.groupManager().removeUserFromGroup(group, "roy"));
        awaitFx("roy no longer counted", () -> header(robot, leo).equals("2 members"), () -> header(robot, leo));
        awaitFx("leo's own changes are notes in his timeline", () -> leo.texts(robot, ".timeline-note")
                .containsAll(List.of("You added Amy Lee", "You renamed the group to “Lunch”",
                        "You removed Roy Smith")), () -> leo.texts(robot, ".timeline-note"));

        onFx(() -> leo.service().startConversation("roy"));
        awaitFx("a one-to-one header has no member count", () -> !header(robot, leo).endsWith("members"),
                () -> header(robot, leo));
        leo.close();
    }

    @Test
    void theNewChatHintReadsWholeInAWideAndANarrowWindow(FxRobot robot) {
        for (double width : new double[] {960, 380}) {
            AppWindow leo = window(width);
            leo.signInDirectly(server.tokenSignIn("leo"));
            Label hint = leo.node(robot, "#newChatHint");
            Node list = leo.node(robot, ".conversations");
            // The window settles at its width after a pulse or two (the first layout may be at the stage's initial
            // width): wait for the hint to sit inside the list, then check that it is shown whole there.
            awaitFx("the hint laid out inside the list at " + width, () -> hint.getWidth() > 0
                            && hint.localToScene(hint.getBoundsInLocal()).getMaxX()
                            <= list.localToScene(list.getBoundsInLocal()).getMaxX() + 1,
                    () -> "hint " + hint.localToScene(hint.getBoundsInLocal()) + ", list "
                            + list.localToScene(list.getBoundsInLocal()));
            String shown = onFx(() -> ((Text) hint.lookup(".text")).getText());
            assertThat(shown).as("the hint at %s px", width).isEqualTo(hint.getText());
            leo.close();
        }
    }
}
