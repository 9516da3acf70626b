package dev.parley.desktop.groups;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.parley.client.ChatClient;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.chat.LiveViewModel;
import dev.parley.desktop.live.OnlineDot;
import dev.parley.desktop.media.PngWriter;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.view.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The members panel shows each member as the conversation list does: roy uploaded a picture and is online, amy did
 * not and is not; leo's panel (faces from his signed-in window's {@link LiveViewModel}, against a real server) shows
 * roy's picture, round, with the online dot, and amy's initials without a dot, in the light and the dark theme. With
 * {@code -Dsnap} it writes pictures of the window (the panel at its right) to {@code /tmp/names-members-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
class MemberFacesTest {
    private TestServer server;
    private Stage stage;
    private BorderPane window;
    private ChatService leoWindow;
    private GroupsService groups;
    private MembersPanel panel;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
        window = new BorderPane();
        window.getStyleClass().add("light");
        Scene scene = new Scene(window, 720, 640);
        scene.getStylesheets().add(MainWindow.class.getResource("parley.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            if (panel != null) {
                panel.close();
            }
            if (groups != null) {
                groups.close();
            }
            if (leoWindow != null) {
                leoWindow.close();
            }
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
        server.close();
    }

    /** The avatar of the member row named {@code name}. */
    private Node avatarOf(FxRobot robot, String name) {
        Node row = robot.from(panel.node()).lookup(".person-name").match(n -> name.equals(((Label) n).getText()))
                .query();
        while (!(row.getParent() instanceof javafx.scene.control.ListCell<?>)) {
            row = row.getParent();
        }
        return robot.from(row).lookup(".avatar").query();
    }

    /** The picture the avatar shows, if any. */
    private static Optional<ImageView> picture(Node avatar) {
        return ((Parent) avatar).getChildrenUnmodifiable().stream().filter(n -> n instanceof ImageView)
                .map(n -> (ImageView) n).filter(v -> v.getImage() != null && v.isVisible()).findFirst();
    }

    private static boolean dotShown(Node avatar) {
        return avatar.getParent().getChildrenUnmodifiable().stream()
                .anyMatch(n -> n instanceof OnlineDot && n.isVisible());
    }

    private static boolean initialsShown(FxRobot robot, Node avatar) {
        Label initials = robot.from(avatar).lookup(".avatar-initials").queryAs(Label.class);
        return initials.isVisible() && !initials.getText().isEmpty();
    }

    @Test
    void aMemberWhoUploadedAPictureShowsItAndOneWhoDidNotShowsInitials(FxRobot robot) throws Exception {
        server = TestServer.start();
        server.register("leo", "Leo Jones");
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee"); // amy never signs in: offline, no picture
        TestServer.Peer roy = server.peer("roy");
        Path png = dir.resolve("roy.png");
        WritableImage red = new WritableImage(64, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                red.getPixelWriter().setColor(x, y, Color.RED);
            }
        }
        PngWriter.write(red, png);
        TestServer.join(roy.client().userInfoManager().uploadAvatar(png));
        ChatClient leo = server.peer("leo").client();
        String group = TestServer.join(leo.groupManager().createGroup("Trip", List.of("roy", "amy")));

        leoWindow = onFx(() -> server.service(Platform::runLater));
        onFx(() -> leoWindow.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        panel = onFx(() -> {
            groups = new GroupsService(leo, Platform::runLater);
            MembersPanel p = MembersPanel.open(groups, group, new LiveViewModel(leoWindow), () -> { });
            window.setRight(p.node());
            return p;
        });

        awaitFx("the three members listed", () -> robot.from(panel.node()).lookup(".person-name").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList().containsAll(List.of("Roy Smith", "Amy Lee")));
        awaitFx("roy's picture in his row", () -> picture(avatarOf(robot, "Roy Smith")).isPresent());
        ImageView shown = onFx(() -> picture(avatarOf(robot, "Roy Smith")).orElseThrow());
        assertThat(onFx(() -> shown.getClip() != null && shown.getFitWidth() == GroupViews.AVATAR_SIZE))
                .as("round, the row's avatar size").isTrue();
        assertThat(onFx(() -> shown.getImage().getPixelReader().getColor(14, 14))).isEqualTo(Color.RED);
        awaitFx("roy is online: the dot on his picture", () -> dotShown(avatarOf(robot, "Roy Smith")));
        assertThat(onFx(() -> picture(avatarOf(robot, "Amy Lee")))).as("amy has none").isEmpty();
        assertThat(onFx(() -> initialsShown(robot, avatarOf(robot, "Amy Lee")))).as("amy's initials").isTrue();
        assertThat(onFx(() -> dotShown(avatarOf(robot, "Amy Lee")))).as("amy is offline").isFalse();
        assertThat(onFx(() -> robot.from(panel.node()).lookup(".group-role").queryAll().stream()
                .map(n -> ((Label) n).getText()).sorted().toList())).containsExactly("member", "member", "owner");
        snap("light");

        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            window.getStyleClass().remove("light");
            window.getStyleClass().add("dark");
            return null;
        });
        awaitFx("the dark theme keeps the picture and the initials", () -> picture(avatarOf(robot, "Roy Smith"))
                .isPresent() && initialsShown(robot, avatarOf(robot, "Amy Lee")));
        awaitFx("roy's dot in the dark theme too", () -> dotShown(avatarOf(robot, "Roy Smith")));
        snap("dark");
    }

    /** With -Dsnap, a picture of the window in /tmp, to look at. */
    private void snap(String name) throws Exception {
        if (System.getProperty("snap") != null) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
            WritableImage image = onFx(() -> stage.getScene().snapshot(null));
            PngWriter.write(image, Path.of("/tmp/names-members-" + name + ".png"));
        }
    }
}
