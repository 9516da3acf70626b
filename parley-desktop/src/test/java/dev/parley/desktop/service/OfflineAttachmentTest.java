package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.TransferListener;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.desktop.cache.OutboxMessage;
import dev.parley.desktop.media.LocalAttachment;
import dev.parley.desktop.media.Upload;
import dev.parley.desktop.media.UploadState;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image written while the server is away: it waits in the outbox with the texts around it (shown from the
 * outbox's own copy, readable by its owner only), survives a restart of the app even when the original file is gone,
 * and reaches the peer with the same bytes, between those texts, once the server is back. Also at an offline start.
 * The real SDK and a real server stopped and started again on the same port and data; a direct executor.
 */
class OfflineAttachmentTest {
    private static final ConversationId ROY = ConversationId.single("roy");

    private final DirectFx fx = new DirectFx();
    @TempDir
    Path profile;
    @TempDir
    Path files;
    private TestServer server;
    private ProfileRuns runs;
    private ChatService leo;

    @BeforeEach
    void start() {
        server = TestServer.start();
        runs = new ProfileRuns(fx, profile);
    }

    @AfterEach
    void stop() {
        runs.close();
        server.close();
    }

    /** One run of the app on the profile directory: the local cache and the outbox in it. */
    private ChatService run() {
        return runs.start(server);
    }

    @Test
    void anImageWrittenOfflineSurvivesARestartAndReachesThePeerWithItsBytesBetweenTheTextsAroundIt()
            throws Exception {
        Peer roy = server.peer("roy");
        leo = run();
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("connected", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        fx.run(() -> leo.openConversation(ROY));
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);

        byte[] bytes = png(48, 24);
        Path original = Files.write(files.resolve("cat.png"), bytes);
        fx.run(() -> leo.send("before the picture"));
        Upload upload = attach(leo, original);
        fx.run(() -> leo.send("after the picture"));

        assertThat(fx.get(() -> leo.getMessages().stream().map(MessageItem::status).toList()))
                .containsExactly(MessageStatus.WAITING, MessageStatus.WAITING, MessageStatus.WAITING);
        MessageItem waiting = fx.get(() -> leo.getMessages().get(1));
        assertThat(waiting.content()).isInstanceOfSatisfying(MessageContent.Image.class, image -> {
            Path copy = LocalAttachment.file(image.file()).orElseThrow();
            assertThat(copy).as("the outbox's copy, in the profile").startsWith(profile).hasBinaryContent(bytes);
            assertThat(image.file().filename()).isEqualTo("cat.png");
            assertThat(image.file().size()).isEqualTo(bytes.length);
            try {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(upload.getState()).isEqualTo(UploadState.QUEUED);
        runs.quit(leo); // the app quits with all three waiting
        leo = null;
        Files.delete(original); // what goes out is what was attached then

        List<OutboxMessage> kept = cachedOutbox();
        assertThat(kept).extracting(m -> m.message().msgType()).containsExactly("txt", "img", "txt");
        assertThat(((MessageBody.LocalFile) kept.get(1).message().body()).filename()).isEqualTo("cat.png");

        server.startAgain();
        leo = run();
        ChatService again = leo;
        fx.get(() -> again.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        List<ReceivedMessage> arrived = List.of(roy.nextReceived(), roy.nextReceived(), roy.nextReceived());
        assertThat(arrived).extracting(m -> m.content().msgType()).containsExactly("txt", "img", "txt");
        assertThat(((Content.Text) arrived.get(0).content()).text()).isEqualTo("before the picture");
        assertThat(((Content.Text) arrived.get(2).content()).text()).isEqualTo("after the picture");
        Attachment image = ((Content.Image) arrived.get(1).content()).file();
        assertThat(image.filename()).isEqualTo("cat.png");
        assertThat(image.width()).isEqualTo(48);
        assertThat(image.height()).isEqualTo(24);
        Path received = TestServer.join(roy.client().chatManager().downloadFile(image, files.resolve("received.png"),
                TransferListener.NONE));
        assertThat(received).hasBinaryContent(bytes);

        fx.await("the outbox and its copies are gone from the disk", () -> cachedOutbox().isEmpty()
                && copies().isEmpty(), this::copies);
        assertThat(server.storedLocalIds("leo")).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void anImageAttachedAtAnOfflineStartWaitsAndGoesOutWhenTheServerIsBack() throws Exception {
        Peer roy = server.peer("roy");
        String token = server.token("leo");
        roy.send("leo", "from the last run");
        ChatService first = run();
        fx.get(() -> first.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.run(() -> first.openConversation(ROY));
        fx.await("the history", () -> first.getMessages().size() == 1 && !first.isSyncing());
        runs.quit(first);
        server.stop();

        leo = run();
        ChatService app = leo;
        var signIn = fx.get(() -> app.signIn(new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo",
                SignInMethod.TOKEN, token)));
        fx.await("offline, from the cache", () -> app.getConnectionState() == ConnectionState.RECONNECTING
                && !app.getConversations().isEmpty());
        fx.run(() -> app.openConversation(ROY));
        byte[] bytes = png(8, 8);
        Upload upload = attach(app, Files.write(files.resolve("dot.png"), bytes));
        assertThat(upload.getState()).isEqualTo(UploadState.QUEUED);
        fx.await("shown waiting", () -> app.getMessages().stream().anyMatch(m -> m.status() == MessageStatus.WAITING
                && m.content() instanceof MessageContent.Image), () -> List.copyOf(app.getMessages()));

        server.startAgain();
        signIn.get(10, TimeUnit.SECONDS);
        ReceivedMessage arrived = roy.nextReceived();
        Attachment image = ((Content.Image) arrived.content()).file();
        assertThat(TestServer.join(roy.client().chatManager().downloadFile(image, files.resolve("got.png"),
                TransferListener.NONE))).hasBinaryContent(bytes);
        fx.await("shown stored, as the server keeps it", () -> app.getMessages().stream()
                .anyMatch(m -> m.status().compareTo(MessageStatus.SENT) >= 0
                        && m.content() instanceof MessageContent.Image(Attachment a)
                        && LocalAttachment.file(a).isEmpty()), () -> List.copyOf(app.getMessages()));
    }

    @Test
    void aWaitingFileWhoseCopyWasDeletedIsNotSentAndDoesNotHoldUpWhatFollows() throws Exception {
        Peer roy = server.peer("roy");
        leo = run();
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("connected", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        fx.run(() -> leo.openConversation(ROY));
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        attach(leo, Files.writeString(files.resolve("notes.txt"), "minutes"));
        fx.run(() -> leo.send("after the notes"));
        for (Path copy : copies()) {
            Files.delete(copy); // someone cleaned the profile by hand
        }

        server.startAgain();
        assertThat(((Content.Text) roy.nextReceived().content()).text()).isEqualTo("after the notes");
        fx.await("the file not sent, with a sentence", () -> leo.getMessages().getFirst().status()
                == MessageStatus.FAILED, () -> List.copyOf(leo.getMessages()));
        assertThat(fx.get(() -> leo.getMessages().getFirst().failure()))
                .isEqualTo("“notes.txt” is no longer on this device: attach it again.");
        assertThat(server.storedLocalIds("leo")).hasSize(1);
    }

    /** Attaches {@code file} to the open conversation as the composer does, and waits until it is queued. */
    private Upload attach(ChatService service, Path file) {
        Upload upload = fx.get(() -> service.extras().kit().orElseThrow().attachments().send(ROY, file));
        fx.await("queued in the outbox", () -> upload.getState().isFinished(), upload::getError);
        return upload;
    }

    private List<OutboxMessage> cachedOutbox() {
        try (LocalCache cache = LocalCache.open(profile, server.wsUrl(), TestServer.APP_KEY, "leo")) {
            return cache.outbox();
        }
    }

    private List<Path> copies() throws IOException {
        Path root = profile.resolve("cache").resolve("outbox-files");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /** A PNG of {@code width} × {@code height}, grey, written by hand (no toolkit here). */
    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale
        chunk(out, "IHDR", header.toByteArray());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(raw)) {
            for (int y = 0; y < height; y++) {
                z.write(0); // no filter
                for (int x = 0; x < width; x++) {
                    z.write((x * 5 + y * 3) & 0xff);
                }
            }
        }
        chunk(out, "IDAT", raw.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(name);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
