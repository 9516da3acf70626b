package dev.parley.desktop.groups;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.parley.client.ChatClient;
import dev.parley.client.ConversationId;
import dev.parley.client.GroupInfo;
import dev.parley.desktop.TestServer;
import dev.parley.protocol.ChatType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The New group dialog over a real server, driven through its controls and the keyboard. */
@ExtendWith(ApplicationExtension.class)
class NewGroupDialogTest {
    private final List<ConversationId> opened = new CopyOnWriteArrayList<>();
    private TestServer server;
    private ChatClient leo;
    private GroupsService service;
    private Stage owner;
    private Stage dialog;

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee");
        leo = server.peer("leo").client();
        service = new GroupsService(leo, Platform::runLater);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 640, 480));
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            if (dialog != null) {
                dialog.close();
            }
            service.close();
            return null;
        });
        server.close();
    }

    private void showDialog(FxRobot robot) {
        dialog = onFx(() -> NewGroupDialog.show(owner, service, opened::add));
        robot.interact(() -> {
            dialog.toFront();
            dialog.requestFocus();
        });
    }

    private <T extends Node> T node(FxRobot robot, String selector) {
        return robot.from(dialog.getScene().getRoot()).lookup(selector).query();
    }

    private void typeInto(FxRobot robot, String selector, String text) {
        TextField field = node(robot, selector);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text, 0);
        awaitFx("typed " + text, () -> field.getText().equals(text), field::getText);
    }

    private List<String> pickedNames(FxRobot robot) {
        return onFx(() -> robot.from(dialog.getScene().getRoot()).lookup(".person-name").queryAll().stream()
                .filter(Node::isVisible).map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void typedMembersAreCheckedAnUnknownOneIsRefusedAndCreatingOpensTheNewGroup(FxRobot robot) {
        showDialog(robot);
        Button create = node(robot, "#createButton");
        TextField name = node(robot, "#groupNameField");
        awaitFx("the cursor in the name field, Create disabled", () -> name.isFocused() && create.isDisabled());

        typeInto(robot, "#groupNameField", "Weekend trip");
        assertThat(onFx(create::isDisabled)).as("no member yet").isTrue();
        typeInto(robot, "#memberIdField", "Roy");
        robot.type(KeyCode.ENTER);
        awaitFx("roy checked and listed with his nickname", () -> pickedNames(robot).equals(List.of("Roy Smith")),
                () -> pickedNames(robot));

        typeInto(robot, "#memberIdField", "nobody");
        robot.type(KeyCode.ENTER);
        Label error = node(robot, "#pickerErrorLabel");
        awaitFx("nobody refused", () -> error.isVisible()
                && error.getText().equals("There is no user “nobody” on this server."), error::getText);
        assertThat(pickedNames(robot)).containsExactly("Roy Smith");

        typeInto(robot, "#memberIdField", "amy");
        robot.clickOn((Node) node(robot, "#addMemberButton"));
        awaitFx("amy listed", () -> pickedNames(robot).equals(List.of("Roy Smith", "Amy Lee")),
                () -> pickedNames(robot));
        assertThat(onFx(error::isVisible)).as("the refusal is gone").isFalse();

        robot.clickOn(name);
        robot.type(KeyCode.ENTER);

        awaitFx("the new group opened and the dialog closed", () -> opened.size() == 1 && !dialog.isShowing());
        ConversationId group = opened.getFirst();
        assertThat(group.chatType()).isEqualTo(ChatType.GROUP);
        GroupInfo info = TestServer.join(leo.groupManager().getGroupInfo(group.id()));
        assertThat(info.name()).isEqualTo("Weekend trip");
        assertThat(info.owner()).isEqualTo("leo");
        assertThat(info.members()).containsExactlyInAnyOrder("leo", "roy", "amy");
    }

    @Test
    void theKeyboardReachesEveryControlRemovesAPickAndEscapeCancels(FxRobot robot) {
        showDialog(robot);
        TextField name = node(robot, "#groupNameField");
        awaitFx("the cursor in the name field", name::isFocused);
        typeInto(robot, "#groupNameField", "Trip");
        robot.type(KeyCode.ENTER);
        TextField memberId = node(robot, "#memberIdField");
        awaitFx("Enter without members moves on to the member field", memberId::isFocused);
        robot.write("roy", 0);
        robot.type(KeyCode.ENTER);
        awaitFx("roy listed", () -> pickedNames(robot).equals(List.of("Roy Smith")), () -> pickedNames(robot));

        ListView<?> picked = node(robot, "#pickedList");
        robot.type(KeyCode.TAB);
        awaitFx("Tab goes on (past Add, disabled with the field empty) to the list", picked::isFocused);
        robot.interact(() -> picked.getSelectionModel().select(0));
        robot.type(KeyCode.DELETE);
        awaitFx("Delete took roy off the list", () -> picked.getItems().isEmpty());
        assertThat(onFx(() -> ((Button) node(robot, "#createButton")).isDisabled())).isTrue();

        robot.type(KeyCode.ESCAPE);

        awaitFx("Escape closed the dialog", () -> !dialog.isShowing());
        assertThat(opened).isEmpty();
        assertThat(TestServer.join(leo.groupManager().getJoinedGroups())).isEmpty();
    }
}
