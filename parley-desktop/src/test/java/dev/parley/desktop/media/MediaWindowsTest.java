package dev.parley.desktop.media;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.media.MediaKit.Receiver;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The media nodes and the viewer on screen, against a real server: what a user sees and gets. */
@ExtendWith(ApplicationExtension.class)
class MediaWindowsTest {
    @TempDir
    Path dir;
    private TestServer server;
    private Stage stage;
    private final VBox root = new VBox(8);
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private Path saveTarget;

    private final FileActions actions = new FileActions() {
        @Override
        public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
            return Optional.of(saveTarget);
        }

        @Override
        public void open(Path file) {
            opened.add(file);
        }
    };

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        server = TestServer.start(config -> config.maxUploadBytes(64L * 1024 * 1024));
        stage.setScene(new Scene(root, 640, 480));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        onFx(() -> {
            Window.getWindows().stream().filter(w -> w != stage).toList().forEach(Window::hide);
            return null;
        });
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        server.close();
    }

    private Receiver signIn(String user, String apiUrl) {
        Receiver r = MediaKit.signIn(server, user, apiUrl);
        closeables.add(r);
        return r;
    }

    /** leo sends roy a 800 × 400 PNG; returns roy and the image's attachment as roy received it. */
    private Attachment imageFromLeoToRoy(Receiver roy) {
        Receiver leo = signIn("leo", "");
        Path png = MediaKit.png(dir, "wide.png", 800, 400);
        TestServer.join(leo.client().send(ChatMessage.createImageSendMessage("roy", png).withImageSize(800, 400)));
        return ((Content.Image) roy.next().content()).file();
    }

    @Test
    void theImageBubbleShowsTheThumbnailInTheImagesAspectRatioAndOpensOnClickOrEnter(FxRobot robot) {
        Receiver roy = signIn("roy", "");
        Attachment image = imageFromLeoToRoy(roy);
        MediaCache cache = new MediaCache(roy.client(), dir.resolve("media"), Platform::runLater);
        List<Attachment> asked = new CopyOnWriteArrayList<>();

        ImageBubble bubble = onFx(() -> {
            ImageBubble b = new ImageBubble(image, cache, asked::add);
            root.getChildren().add(b);
            return b;
        });
        Region placeholder = onFx(() -> (Region) bubble.lookup(".image-placeholder"));
        assertThat(onFx(placeholder::getPrefWidth)).isEqualTo(240);
        assertThat(onFx(placeholder::getPrefHeight)).isEqualTo(120);

        awaitFx("the thumbnail shown", () -> bubble.getImage() != null, bubble::getError);
        assertThat(bubble.getImage().getWidth() / bubble.getImage().getHeight()).isCloseTo(2.0, within(0.02));
        assertThat(bubble.getImage().getWidth()).isLessThanOrEqualTo(240);
        assertThat(onFx(() -> placeholder.isVisible())).isFalse();
        assertThat(onFx(() -> ((ImageView) bubble.getChildren().get(1)).isVisible())).isTrue();
        assertThat(dir.resolve("media").resolve("thumbnails")).isDirectoryContaining(p -> true);

        robot.clickOn(bubble);
        awaitFx("asked to open by a click", () -> asked.size() == 1);
        robot.type(KeyCode.ENTER);
        awaitFx("asked to open by Enter", () -> asked.size() == 2);
        assertThat(asked).containsOnly(image);
    }

    @Test
    void aWaitingImageShowsItsThumbnailFromTheOutboxsCopyWithoutADownload() throws IOException {
        Receiver roy = signIn("roy", "");
        MediaCache cache = new MediaCache(roy.client(), dir.resolve("media"), Platform::runLater);
        Path png = MediaKit.png(dir, "waiting.png", 300, 100);
        Attachment waiting = LocalAttachment.of("local-1", png, "waiting.png", Files.size(png), "image/png", 300, 100);

        ImageBubble bubble = onFx(() -> {
            ImageBubble b = new ImageBubble(waiting, cache, a -> { });
            root.getChildren().add(b);
            return b;
        });

        awaitFx("the thumbnail shown", () -> bubble.getImage() != null, bubble::getError);
        assertThat(bubble.getImage().getWidth() / bubble.getImage().getHeight()).isCloseTo(3.0, within(0.05));
        assertThat(dir.resolve("media")).as("nothing downloaded").doesNotExist();
    }

    @Test
    void theViewerShowsTheFullImageZoomsSavesAndEscapeClosesIt(FxRobot robot) throws IOException {
        Receiver roy = signIn("roy", "");
        Attachment image = imageFromLeoToRoy(roy);
        MediaCache cache = new MediaCache(roy.client(), dir.resolve("media"), Platform::runLater);
        saveTarget = dir.resolve("copy.png");

        Stage viewer = onFx(() -> ImageViewer.open(stage, image, cache, actions));
        ImageView view = onFx(() -> (ImageView) viewer.getScene().getRoot().lookup(".image-view"));
        awaitFx("the full image shown", () -> view.getImage() != null && view.getImage().getWidth() == 800);
        Label zoom = onFx(() -> (Label) viewer.getScene().lookup("#zoomLabel"));
        assertThat(onFx(zoom::getText)).startsWith("Fit (");
        onFx(() -> {
            viewer.setWidth(500);
            viewer.setHeight(400);
            return null;
        });
        awaitFx("fit: the whole image in the narrowed window", () -> view.getFitWidth() > 0
                && view.getFitWidth() < 500 && zoom.getText().startsWith("Fit") && !zoom.getText().contains("100 %"),
                view::getFitWidth);

        robot.clickOn(view);
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        awaitFx("zoomed in", () -> !zoom.getText().startsWith("Fit"));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        awaitFx("fit again", () -> zoom.getText().startsWith("Fit"));

        robot.clickOn("#saveButton");
        awaitFx("saved", () -> Files.exists(saveTarget) && Files.size(saveTarget) == image.size());
        assertThat(Files.readAllBytes(saveTarget)).isEqualTo(Files.readAllBytes(dir.resolve("wide.png")));

        robot.type(KeyCode.ESCAPE);
        awaitFx("the viewer closed", () -> !viewer.isShowing());
        assertThat(stage.isShowing()).isTrue();
    }

    @Test
    void theUploadRowShowsProgressItsCancelStopsTheUploadAndAFailureShowsItsSentence(FxRobot robot) {
        signIn("roy", "");
        ThrottledProxy slow = new ThrottledProxy(URI.create(server.wsUrl()).getPort(), 2 * 1024 * 1024);
        closeables.add(slow);
        Receiver leo = signIn("leo", slow.url());
        AttachmentSender sender = new AttachmentSender(leo.client(), Platform::runLater,
                Executors.newVirtualThreadPerTaskExecutor(), 20L * 1024 * 1024);
        UploadsPane pane = onFx(() -> {
            UploadsPane p = new UploadsPane(sender);
            root.getChildren().add(p);
            return p;
        });
        assertThat(onFx(pane::isVisible)).as("nothing to show").isFalse();
        Path big = MediaKit.sparse(dir, "big.bin", 16L * 1024 * 1024);

        Upload upload = onFx(() -> sender.send(ConversationId.single("roy"), big));
        ProgressBar bar = onFx(() -> (ProgressBar) pane.lookup(".progress-bar"));
        awaitFx("progress shown", () -> pane.isVisible() && bar.isVisible() && bar.getProgress() > 0.01,
                upload::getState);
        assertThat(onFx(() -> ((Label) pane.lookup(".upload-name")).getText())).isEqualTo("big.bin");

        robot.clickOn(".upload-cancel");
        awaitFx("cancelled and gone", () -> upload.getState() == UploadState.CANCELLED && !pane.isVisible(),
                upload::getState);

        Path tooBig = MediaKit.sparse(dir, "huge.iso", 21L * 1024 * 1024);
        Upload refused = onFx(() -> sender.send(ConversationId.single("roy"), tooBig));
        awaitFx("the sentence shown", () -> pane.isVisible()
                && pane.lookup(".upload-error") instanceof Label l && l.isVisible() && l.getText().contains("huge.iso")
                && !pane.lookup(".progress-bar").isVisible(), refused::getError);
        robot.clickOn(".upload-cancel");
        awaitFx("dismissed", () -> !pane.isVisible() && sender.getUploads().isEmpty());
    }

}
