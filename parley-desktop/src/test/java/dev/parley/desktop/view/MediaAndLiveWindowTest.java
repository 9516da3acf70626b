package dev.parley.desktop.view;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.live.ManualTime;
import dev.parley.desktop.media.DropTarget;
import dev.parley.desktop.media.FileBubble;
import dev.parley.desktop.media.FileKinds;
import dev.parley.desktop.media.ImageBubble;
import dev.parley.desktop.media.PngWriter;
import dev.parley.desktop.media.Upload;
import dev.parley.desktop.media.UploadState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * Images, files, typing and presence in two real windows (leo's and roy's) against a real server: what leo attaches
 * or drops shows as an image or file bubble in roy's window (and in leo's own), leo's typing shows in roy's header and
 * list until it expires, and roy's online dot and "last seen" follow his signing in and out.
 */
@ExtendWith(ApplicationExtension.class)
class MediaAndLiveWindowTest {
    @TempDir
    Path dir;
    private TestServer server;
    private AppWindow leo;
    private AppWindow roy;
    /** Roy's time: typing expires when the test moves it. */
    private final ManualTime royTime = new ManualTime(Instant.now(), ZoneId.systemDefault());

    @Start
    void start(Stage stage) {
        server = TestServer.start();
        leo = AppWindow.show(stage, server, 0, 0, 900, 480);
        roy = AppWindow.show(new Stage(), server, 0, 500, 900, 480);
    }

    @AfterEach
    void stop() {
        leo.close();
        roy.close();
        server.close();
    }

    private void signInBoth() {
        onFx(() -> {
            leo.service().extras().setMediaDirectory(dir.resolve("leo-media"));
            roy.service().extras().setMediaDirectory(dir.resolve("roy-media"));
            roy.service().extras().useTime(royTime, royTime);
            return null;
        });
        leo.signInDirectly(server.tokenSignIn("leo"));
        roy.signInDirectly(server.tokenSignIn("roy"));
        openChat(leo, "roy");
    }

    private static void openChat(AppWindow window, String peer) {
        onFx(() -> window.service().startConversation(peer));
        awaitFx("the conversation with " + peer + " is open",
                () -> window.service().isOpen(ConversationId.single(peer)));
    }

    @Test
    void anImageLeoAttachesShowsAsAnImageBubbleWhoseThumbnailLoadsInRoysWindowAndInLeosOwn(FxRobot robot) {
        signInBoth();
        Path png = png("sunset.png", 320, 200);

        onFx(() -> leo.window().mediaViewModel().attach(List.of(png)));

        awaitFx("roy's list says a photo came", () -> roy.texts(robot, ".conversation-preview")
                .equals(List.of("📷 Photo")));
        robot.clickOn(roy.label(robot, ".conversation-peer", "leo").orElseThrow());
        awaitFx("roy sees the image's thumbnail", () -> bubbles(roy, robot, ImageBubble.class).stream()
                .anyMatch(b -> b.getImage() != null && b.getImage().getWidth() > 0));
        ImageBubble shown = bubbles(roy, robot, ImageBubble.class).getFirst();
        assertThat(onFx(() -> shown.attachment().filename())).isEqualTo("sunset.png");
        assertThat(onFx(() -> shown.getImage().getWidth() / shown.getImage().getHeight()))
                .isCloseTo(320.0 / 200, org.assertj.core.data.Offset.offset(0.05));
        awaitFx("leo's own timeline shows the image too", () -> bubbles(leo, robot, ImageBubble.class).stream()
                .anyMatch(b -> b.getImage() != null));
        awaitFx("the uploads pane is empty again", () -> robot.from(leo.window().root()).lookup(".upload-row")
                .queryAll().isEmpty());
    }

    @Test
    void aFileShowsItsNameAndSizeAndADropOnTheConversationSendsOne(FxRobot robot) throws IOException {
        signInBoth();
        Path notes = Files.write(dir.resolve("notes.txt"), "x".repeat(2_500).getBytes());
        onFx(() -> leo.window().mediaViewModel().attach(List.of(notes)));
        awaitFx("roy's list says a file came", () -> roy.texts(robot, ".conversation-preview")
                .equals(List.of("📄 notes.txt")));
        robot.clickOn(roy.label(robot, ".conversation-peer", "leo").orElseThrow());
        awaitFx("roy sees a file bubble with its name and size", () -> roy.texts(robot, ".file-name")
                .equals(List.of("notes.txt")) && roy.texts(robot, ".file-detail").getFirst()
                .startsWith(FileKinds.humanSize(2_500) + " · "), () -> roy.texts(robot, ".file-detail"));
        assertThat(bubbles(roy, robot, FileBubble.class)).hasSize(1);

        Path dropped = Files.write(dir.resolve("dropped.txt"), "dropped here".getBytes());
        Node pane = leo.node(robot, ".conversation-pane");
        drop(robot, pane, dropped);

        awaitFx("roy gets the dropped file", () -> roy.texts(robot, ".file-name")
                .equals(List.of("notes.txt", "dropped.txt")), () -> roy.texts(robot, ".file-name"));
        assertThat(onFx(() -> pane.getStyleClass().contains(DropTarget.ACTIVE_STYLE_CLASS))).isFalse();
    }

    @Test
    void leosTypingShowsInRoysHeaderAndListAndGoesAfterFiveSeconds(FxRobot robot) {
        signInBoth();
        openChat(roy, "leo");
        robot.clickOn((Node) leo.node(robot, "#composer")).write("hel", 0);

        Label header = roy.node(robot, "#presenceLabel");
        awaitFx("roy's header says leo types", () -> header.isVisible()
                && "leo is typing…".equals(header.getText()), header::getText);
        awaitFx("roy's list row says so instead of the preview", () -> roy.texts(robot, ".conversation-typing")
                .equals(List.of("leo is typing…")) && roy.texts(robot, ".conversation-preview").isEmpty());

        snap(robot, roy, "typing");
        robot.interact(() -> royTime.advance(Duration.ofSeconds(4)));
        assertThat(onFx(header::getText)).isEqualTo("leo is typing…");
        robot.interact(() -> royTime.advance(Duration.ofSeconds(1)));
        awaitFx("the typing line is gone", () -> !"leo is typing…".equals(header.getText())
                && roy.texts(robot, ".conversation-typing").isEmpty());
    }

    @Test
    void roysOnlineDotFollowsHisSigningInAndOutAndTheHeaderSaysLastSeenJustNow(FxRobot robot) {
        server.register("roy");
        leo.signInDirectly(server.tokenSignIn("leo"));
        openChat(leo, "roy");
        Label header = leo.node(robot, "#presenceLabel");
        awaitFx("roy's row shows no dot", () -> dotShown(leo, robot, "roy").equals(Optional.of(false))
                && !leo.shows(robot, "#headerAvatar .online-dot"));

        roy.signInDirectly(server.tokenSignIn("roy"));
        awaitFx("roy's dot shows in his row and on the header's avatar, the header says online",
                () -> dotShown(leo, robot, "roy").equals(Optional.of(true)) && "online".equals(header.getText())
                        && leo.shows(robot, "#headerAvatar .online-dot"),
                () -> header.getText() + " " + dotShown(leo, robot, "roy"));

        onFx(() -> {
            roy.service().signOut();
            return null;
        });
        awaitFx("roy's dots go, the header says last seen just now", () -> dotShown(leo, robot, "roy")
                .equals(Optional.of(false)) && "last seen just now".equals(header.getText())
                && !leo.shows(robot, "#headerAvatar .online-dot"), header::getText);
    }

    /** Whether the online dot on {@code peer}'s row of the list shows; empty while the row is not on screen. */
    private static Optional<Boolean> dotShown(AppWindow window, FxRobot robot, String peer) {
        return robot.from(window.window().root()).lookup(".conversation-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getItem() instanceof dev.parley.desktop.service.ConversationItem row
                        && row.id().equals(peer))
                .findFirst().map(c -> c.lookup(".online-dot")).map(Node::isVisible);
    }

    /**
     * In a narrow window (one pane at a time) the image and file bubbles, the uploads and the header's line fit inside
     * the window, and the attach button is reached with Tab from the emoji button.
     */
    @Test
    void inANarrowWindowTheBubblesFitAndTheAttachButtonIsReachedByKeyboard(FxRobot robot) throws IOException {
        robot.interact(() -> roy.stage().setWidth(380));
        signInBoth();
        Path wide = png("wide.png", 1200, 300);
        Path report = Files.write(dir.resolve("a-report-with-a-rather-long-name-2026.pdf"), new byte[4096]);
        Upload first = onFx(() -> leo.window().mediaViewModel().attach(List.of(wide)).getFirst());
        awaitFx("the image sent", () -> first.getState() == UploadState.SENT); // one upload at a time
        onFx(() -> leo.window().mediaViewModel().attach(List.of(report)));
        awaitFx("roy has leo's conversation", () -> roy.label(robot, ".conversation-peer", "leo").isPresent());
        robot.clickOn(roy.label(robot, ".conversation-peer", "leo").orElseThrow());
        awaitFx("both bubbles shown", () -> bubbles(roy, robot, ImageBubble.class).size() == 1
                && bubbles(roy, robot, FileBubble.class).size() == 1);
        double width = onFx(() -> roy.stage().getScene().getWidth());
        for (Node bubble : List.of(bubbles(roy, robot, ImageBubble.class).getFirst(),
                bubbles(roy, robot, FileBubble.class).getFirst(), (Node) roy.node(robot, "#presenceLabel"),
                (Node) roy.node(robot, "#attachButton"))) {
            double right = onFx(() -> bubble.localToScene(bubble.getBoundsInLocal()).getMaxX());
            assertThat(right).as(bubble.getStyleClass() + " inside the window").isLessThanOrEqualTo(width);
        }
        snap(robot, roy, "narrow");
        robot.interact(() -> ((javafx.scene.control.Button) roy.node(robot, "#themeButton")).fire());
        snap(robot, roy, "narrow-dark");
        Node emojiButton = roy.node(robot, "#emojiButton");
        Node attachButton = roy.node(robot, "#attachButton");
        robot.interact(emojiButton::requestFocus);
        robot.interact(() -> emojiButton.requestFocusTraversal(javafx.scene.TraversalDirection.NEXT));
        assertThat(onFx(attachButton::isFocused)).as("Tab from the emoji button reaches 📎").isTrue();
    }

    /**
     * Drags {@code file} over {@code target} and drops it there, through the drop target the window installed on it
     * (the headless platform has no drag and drop of its own): the highlight shows while over it, and goes.
     */
    private static void drop(FxRobot robot, Node target, Path file) {
        robot.interact(() -> {
            DropTarget drop = DropTarget.of(target).orElseThrow(() -> new AssertionError("no drop target"));
            assertThat(drop.dragOver(true)).isTrue();
            assertThat(target.getStyleClass()).contains(DropTarget.ACTIVE_STYLE_CLASS);
            assertThat(drop.drop(List.of(file.toFile()))).hasSize(1);
        });
    }

    private static <T extends Node> List<T> bubbles(AppWindow window, FxRobot robot, Class<T> type) {
        return onFx(() -> robot.from(window.window().root())
                .lookup((java.util.function.Predicate<Node>) n -> type.isInstance(n) && AppWindow.seen(n))
                .queryAll().stream()
                .map(type::cast).toList());
    }

    /** With -Dsnap, a picture of the window in /tmp, to look at. */
    private static void snap(FxRobot robot, AppWindow window, String name) {
        if (System.getProperty("snap") == null) {
            return;
        }
        robot.interact(() -> {
            try {
                PngWriter.write(window.stage().getScene().snapshot(null), Path.of("/tmp/wireml-" + name + ".png"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Path png(String name, int width, int height) {
        WritableImage image = new WritableImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getPixelWriter().setColor(x, y, x < width / 2 ? Color.ORANGE : Color.PURPLE);
            }
        }
        Path file = dir.resolve(name);
        try {
            PngWriter.write(image, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
