package dev.parley.desktop.media;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TextMessage;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.media.MediaKit.Receiver;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Sending and receiving images and files with the real SDK against a real server: leo sends through the
 * {@link AttachmentSender} (progress and results on the FX thread), roy is a plain SDK client.
 */
@ExtendWith(ApplicationExtension.class)
class AttachmentsTest {
    private static final ConversationId TO_ROY = ConversationId.single("roy");

    @TempDir
    Path dir;
    private TestServer server;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        server = TestServer.start(config -> config.maxUploadBytes(64L * 1024 * 1024));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        server.close();
    }

    private Receiver signIn(String user) {
        return signIn(user, "");
    }

    private Receiver signIn(String user, String apiUrl) {
        Receiver r = MediaKit.signIn(server, user, apiUrl);
        closeables.add(r);
        return r;
    }

    private AttachmentSender senderFor(Receiver who, long maxBytes) {
        return new AttachmentSender(who.client(), Platform::runLater,
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(), maxBytes);
    }

    @Test
    void anImageGoesAsAnImageWithItsSizeAndReachesThePeer() {
        Receiver roy = signIn("roy");
        AttachmentSender sender = senderFor(signIn("leo"), AttachmentSender.DEFAULT_MAX_BYTES);
        Path png = MediaKit.png(dir, "cat.png", 640, 320);

        Upload upload = onFx(() -> sender.send(TO_ROY, png));

        awaitFx("sent", () -> upload.getState() == UploadState.SENT, upload::getError);
        ReceivedMessage m = roy.next();
        assertThat(m.content()).isInstanceOf(Content.Image.class);
        Attachment image = ((Content.Image) m.content()).file();
        assertThat(image.filename()).isEqualTo("cat.png");
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(320);
        assertThat(image.thumbnailUrl()).isNotEmpty();
        assertThat(onFx(() -> upload.isImage() && upload.getProgress() == 1.0)).isTrue();
        assertThat(onFx(() -> sender.getUploads().contains(upload))).as("a sent upload leaves the list").isFalse();
        assertThat(upload.serverId()).contains(m.id());
    }

    @Test
    void aPastedPictureWhileTheOutboxHoldsIsKeptOffTheFxThreadThenQueuedAndItsTemporaryFileDeleted()
            throws IOException {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        List<ChatMessage> queued = new CopyOnWriteArrayList<>();
        AttachmentSender.Outbox outbox = new AttachmentSender.Outbox() {
            @Override
            public boolean holds() {
                return true; // offline
            }

            @Override
            public Path keep(String localId, Path file, String name) throws IOException {
                if (Platform.isFxApplicationThread()) {
                    throw new IOException("kept on the FX thread");
                }
                return Files.copy(file, kept.resolve(localId + "-" + name));
            }

            @Override
            public void queue(ConversationId to, ChatMessage message) {
                queued.add(message);
            }
        };
        AttachmentSender sender = new AttachmentSender(signIn("leo").client(), Platform::runLater,
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(), AttachmentSender.DEFAULT_MAX_BYTES,
                outbox);
        Path pasted = dir.resolve("pasted");
        Files.createDirectories(pasted);

        Upload upload = onFx(() -> sender.sendTemporary(TO_ROY, "Pasted image.png",
                () -> MediaKit.png(pasted, "Pasted image.png", 40, 20)));

        awaitFx("queued", () -> upload.getState() == UploadState.QUEUED, upload::getError);
        assertThat(queued).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("roy");
            assertThat(m.body()).isInstanceOfSatisfying(MessageBody.LocalFile.class, f -> {
                assertThat(f.msgType()).isEqualTo("img");
                assertThat(f.filename()).isEqualTo("Pasted image.png");
                assertThat(f.width()).isEqualTo(40);
                assertThat(f.height()).isEqualTo(20);
                assertThat(f.path()).startsWith(kept).isRegularFile();
            });
        });
        awaitFx("the temporary file deleted once kept", () -> Files.notExists(pasted.resolve("Pasted image.png")));
        assertThat(onFx(() -> sender.getUploads().isEmpty())).as("a queued upload leaves the list").isTrue();
    }

    @Test
    void aFileSentToAGroupGoesAsAGroupMessage() throws IOException {
        Receiver roy = signIn("roy");
        Receiver leo = signIn("leo");
        String group = TestServer.join(leo.client().groupManager().createGroup("team", List.of("roy")));
        AttachmentSender sender = senderFor(leo, AttachmentSender.DEFAULT_MAX_BYTES);
        Path notes = Files.writeString(dir.resolve("agenda.txt"), "1. images");

        Upload upload = onFx(() -> sender.send(ConversationId.group(group), notes));

        awaitFx("sent", () -> upload.getState() == UploadState.SENT, upload::getError);
        ReceivedMessage m = roy.next();
        while (!(m.content() instanceof Content.File)) { // a group's own notices may come first
            m = roy.next();
        }
        assertThat(m.chatType()).isEqualTo(dev.parley.protocol.ChatType.GROUP);
        assertThat(m.to()).isEqualTo(group);
        assertThat(((Content.File) m.content()).file().filename()).isEqualTo("agenda.txt");
    }

    @Test
    void aFileSavedFromItsBubbleHasTheSameBytesAndOpenOpensTheCachedCopy() throws IOException {
        Receiver roy = signIn("roy");
        AttachmentSender sender = senderFor(signIn("leo"), AttachmentSender.DEFAULT_MAX_BYTES);
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Path report = Files.write(dir.resolve("report.pdf"), bytes);

        Upload upload = onFx(() -> sender.send(TO_ROY, report));
        awaitFx("sent", () -> upload.getState() == UploadState.SENT, upload::getError);
        ReceivedMessage m = roy.next();
        assertThat(m.content()).isInstanceOf(Content.File.class);
        Attachment file = ((Content.File) m.content()).file();

        Path target = dir.resolve("saved.pdf");
        List<Path> opened = new CopyOnWriteArrayList<>();
        FileActions actions = new FileActions() {
            @Override
            public Optional<Path> chooseSaveTarget(javafx.stage.Window owner, String suggestedName) {
                return Optional.of(target);
            }

            @Override
            public void open(Path f) {
                opened.add(f);
            }
        };
        MediaCache cache = new MediaCache(roy.client(), dir.resolve("media"), Platform::runLater);
        FileBubble bubble = onFx(() -> new FileBubble(file, cache, actions));
        assertThat(FileBubble.describe(file)).isEqualTo("293 KB · PDF document");

        onFx(() -> {
            bubble.save();
            return null;
        });
        awaitFx("saved", () -> Files.exists(target) && Files.size(target) == bytes.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);

        onFx(() -> {
            bubble.open();
            return null;
        });
        awaitFx("opened", () -> !opened.isEmpty());
        assertThat(opened.getFirst()).startsWith(dir.resolve("media")).hasFileName("report.pdf");
        assertThat(Files.readAllBytes(opened.getFirst())).isEqualTo(bytes);
    }

    @Test
    void cancellingALargeUploadStopsItAndNoMessageArrives() {
        Receiver roy = signIn("roy");
        int port = URI.create(server.wsUrl()).getPort();
        ThrottledProxy slow = new ThrottledProxy(port, 2 * 1024 * 1024);
        closeables.add(slow);
        Receiver leo = signIn("leo", slow.url());
        AttachmentSender sender = senderFor(leo, 64L * 1024 * 1024);
        Path big = MediaKit.sparse(dir, "big.bin", 40L * 1024 * 1024);

        Upload upload = onFx(() -> sender.send(TO_ROY, big));
        awaitFx("the upload under way", () -> upload.getProgress() > 0.01, upload::getState);
        onFx(() -> {
            upload.cancel();
            return null;
        });

        awaitFx("cancelled", () -> upload.getState() == UploadState.CANCELLED, upload::getState);
        TestServer.join(leo.client().send(TextMessage.create("roy", "after the cancel")));
        assertThat(roy.next().text()).as("the first message roy gets is the text, not the file")
                .contains("after the cancel");
        assertThat(onFx(() -> sender.getUploads().isEmpty())).isTrue();
    }

    @Test
    void aFileOverTheLimitIsRefusedWithASentenceBeforeUploading() {
        Receiver roy = signIn("roy");
        Receiver leo = signIn("leo");
        AttachmentSender sender = senderFor(leo, AttachmentSender.DEFAULT_MAX_BYTES);
        Path big = MediaKit.sparse(dir, "movie.mp4", 11L * 1024 * 1024);

        Upload upload = onFx(() -> sender.send(TO_ROY, big));

        awaitFx("refused", () -> upload.getState() == UploadState.FAILED, upload::getState);
        assertThat(upload.getError()).isEqualTo("“movie.mp4” is too large to send: 11 MB, and the server takes files up to 10 MB.");
        assertThat(upload.getProgress()).isZero();
        assertThat(onFx(() -> sender.getUploads().contains(upload))).as("kept until dismissed").isTrue();
        TestServer.join(leo.client().send(TextMessage.create("roy", "nothing before me")));
        assertThat(roy.next().text()).contains("nothing before me");
    }

    @Test
    void droppedFilesGoImagesAsImagesOthersAsFilesAndTheTargetHighlights() throws IOException {
        Receiver roy = signIn("roy");
        AttachmentSender sender = senderFor(signIn("leo"), AttachmentSender.DEFAULT_MAX_BYTES);
        Path png = MediaKit.png(dir, "photo.png", 30, 20);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        Pane pane = new Pane();
        Optional<ConversationId>[] open = new Optional[] {Optional.empty()};
        DropTarget target = onFx(() -> DropTarget.install(pane, sender, () -> open[0]));

        assertThat(onFx(() -> target.dragOver(true))).as("no conversation open").isFalse();
        open[0] = Optional.of(TO_ROY);
        assertThat(onFx(() -> target.dragOver(false))).as("no files").isFalse();
        assertThat(onFx(() -> target.dragOver(true) && target.highlighted()
                && pane.getStyleClass().contains(DropTarget.ACTIVE_STYLE_CLASS))).isTrue();
        List<Upload> uploads = onFx(() -> target.drop(List.of(png.toFile(), new File(notes.toString()))));
        assertThat(onFx(target::highlighted)).isFalse();

        awaitFx("both sent", () -> uploads.stream().allMatch(u -> u.getState() == UploadState.SENT));
        List<String> received = Stream.of(roy.next(), roy.next())
                .map(m -> m.msgType() + ":" + m.content().summary()).sorted().toList();
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).startsWith("file:").contains("notes.txt");
        assertThat(received.get(1)).startsWith("img:");
    }

    @Test
    void aPastedPictureGoesAsAPngImageAndItsTemporaryFileIsDeleted() throws IOException {
        Receiver roy = signIn("roy");
        AttachmentSender sender = senderFor(signIn("leo"), AttachmentSender.DEFAULT_MAX_BYTES);
        Path temp = Files.createDirectories(dir.resolve("paste"));
        Image picture = new Image(MediaKit.png(dir, "screen.png", 120, 90).toUri().toString());
        ClipboardPaste paste = new ClipboardPaste(sender, temp);

        List<Upload> uploads = onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(picture);
            Clipboard.getSystemClipboard().setContent(content);
            Clipboard clipboard = Clipboard.getSystemClipboard();
            assertThat(clipboard.hasImage()).isTrue();
            return paste.paste(clipboard, TO_ROY);
        });

        assertThat(uploads).hasSize(1);
        Upload upload = uploads.getFirst();
        awaitFx("sent", () -> upload.getState() == UploadState.SENT, upload::getError);
        Attachment image = ((Content.Image) roy.next().content()).file();
        assertThat(image.mime()).isEqualTo("image/png");
        assertThat(image.filename()).startsWith("Pasted image ").endsWith(".png");
        assertThat(image.width()).isEqualTo(120);
        assertThat(image.height()).isEqualTo(90);
        awaitFx("the temporary PNG deleted", () -> {
            try (Stream<Path> left = Files.list(temp)) {
                return left.findAny().isEmpty();
            }
        });
    }

    @Test
    void pastingTextLeavesItToTheComposer() {
        AttachmentSender sender = senderFor(signIn("leo"), AttachmentSender.DEFAULT_MAX_BYTES);
        List<Upload> uploads = onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("just words");
            Clipboard.getSystemClipboard().setContent(content);
            return new ClipboardPaste(sender, dir).paste(Clipboard.getSystemClipboard(), TO_ROY);
        });
        assertThat(uploads).isEmpty();
        assertThat(onFx(() -> sender.getUploads().isEmpty())).isTrue();
    }

    @Test
    void aWrittenPngReadsBackPixelForPixel() throws IOException {
        Image picture = new Image(MediaKit.png(dir, "source.png", 17, 9).toUri().toString());
        Path written = ClipboardPaste.writeTemporaryPng(picture, dir.resolve("out"));

        Image back = new Image(written.toUri().toString());
        assertThat(back.isError()).isFalse();
        assertThat(back.getWidth()).isEqualTo(17);
        assertThat(back.getHeight()).isEqualTo(9);
        for (int x : new int[] {0, 7, 8, 16}) {
            assertThat(back.getPixelReader().getArgb(x, 4)).isEqualTo(picture.getPixelReader().getArgb(x, 4));
        }
        assertThat(PixelSize.of(written)).contains(new PixelSize(17, 9));
    }
}
