package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.media.PngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
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
 * Uploaded avatars outside the settings pane, in the real window against a real server: roy uploaded a picture, amy
 * did not; in leo's list roy's row shows the picture (round, the avatar's size) and amy's her initials; the header of
 * the chat with roy shows his picture too.
 */
@ExtendWith(ApplicationExtension.class)
class AvatarPicturesWindowTest {
    private TestServer server;
    @TempDir
    Path dir;

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

    /** The picture shown by the avatar in {@code row}'s subtree, if any. */
    private static Optional<ImageView> picture(Node avatar) {
        return ((Parent) avatar).getChildrenUnmodifiable().stream().filter(n -> n instanceof ImageView)
                .map(n -> (ImageView) n).filter(v -> v.getImage() != null && v.isVisible()).findFirst();
    }

    private static Node rowAvatar(FxRobot robot, AppWindow window, String title) {
        Label peer = window.label(robot, ".conversation-peer", title).orElseThrow();
        Node cell = peer;
        while (!cell.getStyleClass().contains("conversation-cell")) {
            cell = cell.getParent();
        }
        return robot.from(cell).lookup(".avatar").query();
    }

    @Test
    void uploadedPicturesShowInTheListAndTheHeaderAndInitialsOtherwise(FxRobot robot) throws Exception {
        Path png = dir.resolve("roy.png");
        WritableImage red = new WritableImage(64, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                red.getPixelWriter().setColor(x, y, Color.RED);
            }
        }
        PngWriter.write(red, png);
        assertThat(Files.size(png)).isPositive();
        Peer roy = server.peer("roy");
        TestServer.join(roy.client().userInfoManager().uploadAvatar(png));
        roy.send("leo", "new picture");
        server.peer("amy").send("leo", "no picture here");

        AppWindow leo = onFx(() -> AppWindow.show(new Stage(), server, 0, 0, 960, 640));
        leo.signInDirectly(server.tokenSignIn("leo"));
        awaitFx("both listed", () -> leo.label(robot, ".conversation-peer", "Roy Smith").isPresent()
                && leo.label(robot, ".conversation-peer", "Amy Lee").isPresent());
        awaitFx("roy's picture in his row", () -> picture(rowAvatar(robot, leo, "Roy Smith")).isPresent());
        ImageView shown = onFx(() -> picture(rowAvatar(robot, leo, "Roy Smith")).orElseThrow());
        assertThat(onFx(() -> shown.getClip() != null && shown.getFitWidth() == 36)).as("round, the avatar's size")
                .isTrue();
        assertThat(onFx(() -> shown.getImage().getPixelReader().getColor(18, 18))).isEqualTo(Color.RED);
        assertThat(onFx(() -> picture(rowAvatar(robot, leo, "Amy Lee")))).as("amy has none: initials").isEmpty();
        assertThat(onFx(() -> robot.from(rowAvatar(robot, leo, "Amy Lee")).lookup(".avatar-initials")
                .queryAs(Label.class).isVisible())).isTrue();

        onFx(() -> leo.service().openConversation(ConversationId.single("roy")));
        awaitFx("roy's picture in the header", () -> picture(leo.node(robot, "#headerAvatar .avatar")).isPresent());
        leo.close();
    }
}
