package dev.parley.desktop.groups;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import atlantafx.base.theme.PrimerLight;
import dev.parley.client.ChatClient;
import dev.parley.desktop.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The members panel of a group of leo (owner), roy and amy over a real server, shown beside an empty pane as the main
 * window will, and driven through its controls: what each role sees and may do, and events from elsewhere.
 */
@ExtendWith(ApplicationExtension.class)
class MembersPanelTest {
    private final AtomicInteger closed = new AtomicInteger();
    private final List<GroupsService> services = new ArrayList<>();
    private TestServer server;
    private ChatClient leo;
    private ChatClient roy;
    private Stage stage;
    private BorderPane window;
    private MembersPanel panel;
    private String group;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        window = new BorderPane();
        stage.setScene(new Scene(window, 720, 640));
        stage.show();
    }

    @BeforeEach
    void group() {
        server = TestServer.start();
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee");
        leo = server.peer("leo").client();
        roy = server.peer("roy").client();
        server.peer("amy");
        group = TestServer.join(leo.groupManager().createGroup("Trip", List.of("roy", "amy")));
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            if (panel != null) {
                panel.close();
            }
            services.forEach(GroupsService::close);
            return null;
        });
        server.close();
    }

    /** Shows the panel of the group as {@code user} sees it, and waits until it is loaded. */
    private void showAs(FxRobot robot, ChatClient user) {
        panel = onFx(() -> {
            GroupsService service = new GroupsService(user, Platform::runLater);
            services.add(service);
            MembersPanel p = MembersPanel.open(service, group, closed::incrementAndGet);
            window.setRight(p.node());
            return p;
        });
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        awaitFx("the group loaded", () -> "Trip".equals(label(robot, "#groupNameLabel").getText()));
    }

    private <T extends Node> T node(FxRobot robot, String selector) {
        return robot.from(panel.node()).lookup(selector).query();
    }

    private Label label(FxRobot robot, String selector) {
        return node(robot, selector);
    }

    private boolean shown(FxRobot robot, String selector) {
        return onFx(() -> node(robot, selector).isVisible());
    }

    /** The rows of the member list as a user reads them: "name role". */
    private List<String> rows(FxRobot robot) {
        return onFx(() -> robot.from(panel.node()).lookup(".group-role").queryAll().stream().filter(Node::isVisible)
                .map(role -> {
                    Label name = (Label) role.getParent().lookup(".person-name");
                    return name.getText() + " " + ((Label) role).getText();
                }).toList());
    }

    @Test
    void theOwnerSeesRolesRenamesRemovesAndTheListFollowsEventsFromElsewhere(FxRobot robot) {
        showAs(robot, leo);
        awaitFx("the members with their roles", () -> rows(robot).equals(List.of("leo (you) owner",
                "Amy Lee member", "Roy Smith member")), () -> rows(robot));
        assertThat(label(robot, "#memberCountLabel").getText()).isEqualTo("3 members");

        robot.clickOn((Node) node(robot, "#renameButton"));
        TextField nameField = node(robot, "#groupNameField");
        awaitFx("the name editable, with the cursor in it", nameField::isFocused);
        robot.write("Weekend trip", 0);
        robot.type(KeyCode.ENTER);
        awaitFx("renamed", () -> "Weekend trip".equals(label(robot, "#groupNameLabel").getText())
                && label(robot, "#groupNameLabel").isVisible());
        assertThat(TestServer.join(leo.groupManager().getGroupInfo(group)).name()).isEqualTo("Weekend trip");

        robot.clickOn(robot.from(panel.node()).lookup(".person-name").match(n -> "Amy Lee".equals(((Label) n)
                .getText())).<Node>query());
        Button remove = node(robot, "#removeButton");
        awaitFx("Remove names amy", () -> "Remove Amy Lee".equals(remove.getText()) && !remove.isDisabled());
        robot.clickOn(remove);
        awaitFx("amy removed", () -> rows(robot).equals(List.of("leo (you) owner", "Roy Smith member"))
                && "Amy Lee was removed from the group.".equals(label(robot, "#messageLabel").getText()),
                () -> rows(robot));
        assertThat(TestServer.join(leo.groupManager().getGroupInfo(group)).members()).containsExactly("leo", "roy");

        TestServer.join(roy.groupManager().leaveGroup(group));

        awaitFx("roy's leaving shown", () -> rows(robot).equals(List.of("leo (you) owner")), () -> rows(robot));
        assertThat(label(robot, "#memberCountLabel").getText()).isEqualTo("1 member");
    }

    @Test
    void theOwnerAddsAMemberByLookupAndAnUnknownIdIsRefused(FxRobot robot) {
        TestServer.join(leo.groupManager().removeUserFromGroup(group, "amy"));
        showAs(robot, leo);
        awaitFx("two members", () -> rows(robot).size() == 2, () -> rows(robot));

        TextField memberId = node(robot, "#memberIdField");
        robot.clickOn(memberId);
        robot.write("ghost", 0);
        robot.type(KeyCode.ENTER);
        awaitFx("ghost refused", () -> "There is no user “ghost” on this server."
                .equals(label(robot, "#pickerErrorLabel").getText()));
        robot.interact(memberId::selectAll);
        robot.write("amy", 0);
        robot.type(KeyCode.ENTER);

        awaitFx("amy added", () -> rows(robot).equals(List.of("leo (you) owner", "Amy Lee member",
                "Roy Smith member")), () -> rows(robot));
        assertThat(TestServer.join(leo.groupManager().getGroupInfo(group)).members())
                .containsExactlyInAnyOrder("leo", "roy", "amy");
    }

    @Test
    void aMemberCannotManageAndLeaves(FxRobot robot) {
        showAs(robot, roy);
        awaitFx("roy sees himself", () -> rows(robot).contains("Roy Smith (you) member"), () -> rows(robot));
        assertThat(shown(robot, "#renameButton")).isFalse();
        assertThat(shown(robot, "#removeButton")).isFalse();
        assertThat(shown(robot, "#addBox")).isFalse();

        robot.clickOn((Node) node(robot, "#leaveButton"));

        awaitFx("roy is out", () -> "You left the group.".equals(label(robot, "#goneLabel").getText())
                && !node(robot, "#leaveButton").isVisible() && !node(robot, "#membersList").isVisible());
        assertThat(TestServer.join(leo.groupManager().getGroupInfo(group)).members())
                .containsExactlyInAnyOrder("leo", "amy");
    }

    @Test
    void theOwnerIsToldTheyCannotLeaveAndDeletesTheGroupAfterConfirming(FxRobot robot) {
        showAs(robot, leo);
        robot.clickOn((Node) node(robot, "#leaveButton"));
        awaitFx("the owner's note", () -> node(robot, "#ownerNoteBox").isVisible());

        robot.clickOn((Node) node(robot, "#deleteButton"));
        awaitFx("asked to confirm, the focus on Delete", () -> node(robot, "#confirmDeleteBox").isVisible()
                && node(robot, "#confirmDeleteButton").isFocused());
        assertThat(label(robot, "#confirmDeleteLabel").getText())
                .isEqualTo("Delete “Trip” for everyone? Nobody can write to it any more.");
        robot.type(KeyCode.ESCAPE);
        awaitFx("Escape kept the group", () -> !node(robot, "#confirmDeleteBox").isVisible());
        assertThat(closed).hasValue(0);
        assertThat(TestServer.join(leo.groupManager().getGroupInfo(group)).name()).isEqualTo("Trip");

        robot.clickOn((Node) node(robot, "#deleteButton"));
        awaitFx("asked again", () -> node(robot, "#confirmDeleteButton").isFocused());
        robot.type(KeyCode.ENTER);

        awaitFx("deleted", () -> "You deleted the group.".equals(label(robot, "#goneLabel").getText()));
        assertThatThrownBy(() -> TestServer.join(leo.groupManager().getGroupInfo(group)))
                .hasRootCauseMessage("HTTP 404 service_resource_not_found: no such group: " + group);
        robot.type(KeyCode.ESCAPE);
        awaitFx("Escape closed the panel", () -> closed.get() == 1);
    }
}
