package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.server.blob.Blob;
import dev.parley.server.blob.NewBlob;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code img} and {@code file} messages over a raw WebSocket client: a send must name an upload of its sender, the
 * message carries what the server knows of the upload (not what the client claimed) and its addresses, and a recall
 * removes the file.
 */
class AttachmentMessagesTest {
    @TempDir
    Path dir;

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0x3366ff);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Blob upload(ParleyServer server, String owner, String name, byte[] bytes) {
        return server.blobs().store(new NewBlob(owner, name, "application/octet-stream"),
                new ByteArrayInputStream(bytes), 10 << 20);
    }

    private static Frame.Send image(String localId, String to, Attachment file) {
        return new Frame.Send(localId, to, ChatType.SINGLE, new Content.Image(file), JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void anImageMessageCarriesTheServersDescriptionOfTheUploadAndItsAddresses() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            byte[] bytes = png(800, 600);
            Blob blob = upload(server, "leo", "cat.png", bytes);
            // the client claims another name, size, type and dimensions: the server's own description wins
            leo.send(image("i1", "roy", new Attachment(blob.uuid(), blob.secret(), "evil.exe", 1, "text/html", 9, 9,
                    "http://elsewhere/x", "")));
            leo.expect(Frame.Receipt.class);

            Content.Image got = (Content.Image) roy.expect(Frame.Message.class).content();
            Attachment file = got.file();
            assertThat(file.uuid()).isEqualTo(blob.uuid());
            assertThat(file.secret()).isEqualTo(blob.secret());
            assertThat(file.filename()).isEqualTo("cat.png");
            assertThat(file.size()).isEqualTo(bytes.length);
            assertThat(file.mime()).isEqualTo("image/png");
            assertThat(file.width()).isEqualTo(800);
            assertThat(file.height()).isEqualTo(600);
            String expected = server.apiUrl() + "/" + server.appKey().replace('#', '/') + "/chatfiles/" + blob.uuid();
            assertThat(file.url()).isEqualTo(expected);
            assertThat(file.thumbnailUrl()).isEqualTo(expected + "?thumbnail=true");
            assertThat(server.blobs().find(blob.uuid())).hasValueSatisfying(b -> assertThat(b.referenced()).isTrue());
        }
    }

    @Test
    void aSendMustNameAnUploadOfItsSenderWithItsSecret() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            Blob roys = upload(server, "roy", "roy.png", png(10, 10));
            Blob text = upload(server, "leo", "notes.txt", "just text".getBytes());
            Blob leos = upload(server, "leo", "leo.png", png(10, 10));

            leo.send(image("i1", "roy", Attachment.of(roys.uuid(), roys.secret(), "roy.png", 1, "image/png")));
            leo.send(image("i2", "roy", Attachment.of(leos.uuid(), "wrong-secret", "leo.png", 1, "image/png")));
            leo.send(image("i3", "roy", Attachment.of(text.uuid(), text.secret(), "notes.txt", 1, "image/png")));
            leo.send(image("i4", "roy", Attachment.of("no-such-upload", "s", "x.png", 1, "image/png")));
            for (String localId : new String[] {"i1", "i2", "i3", "i4"}) {
                Frame.Error error = leo.expect(Frame.Error.class);
                assertThat(error.localId()).isEqualTo(localId);
                assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME.code());
            }
            // the same text upload as a file is fine
            leo.send(new Frame.Send("f1", "roy", ChatType.SINGLE, new Content.File(Attachment.of(text.uuid(),
                    text.secret(), "notes.txt", 9, "text/plain")), JsonValue.EMPTY_JSON_OBJECT));
            leo.expect(Frame.Receipt.class);
            Content.File file = (Content.File) roy.expect(Frame.Message.class).content();
            assertThat(file.file().thumbnailUrl()).isEmpty();
            assertThat(file.file().mime()).as("the upload's type, not the send's").isEqualTo(text.mime());
        }
    }

    @Test
    void aRecallRemovesTheFile() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            Blob blob = upload(server, "leo", "cat.png", png(40, 30));
            leo.send(image("i1", "roy", Attachment.of(blob.uuid(), blob.secret(), "cat.png", 1, "image/png")));
            String id = leo.expect(Frame.Receipt.class).id();
            roy.expect(Frame.Message.class);

            leo.send(new Frame.Recall(id));

            assertThat(roy.expect(Frame.Recalled.class).id()).isEqualTo(id);
            Eventually.await("the file removed", Duration.ofSeconds(10),
                    () -> server.blobs().find(blob.uuid()).isEmpty());
        }
    }

    @Test
    void retentionRemovesTheFilesOfTheMessagesItRemoves() throws Exception {
        MovableClock clock = new MovableClock();
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).retention(Duration.ofDays(7)).build();
        try (ParleyServer server = ParleyServer.start(config, clock);
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofHours(1));
            Blob old = upload(server, "leo", "old.png", png(20, 20));
            leo.send(image("i1", "roy", Attachment.of(old.uuid(), old.secret(), "old.png", 1, "image/png")));
            leo.expect(Frame.Receipt.class);
            clock.advance(Duration.ofDays(8));
            Blob recent = upload(server, "leo", "new.png", png(20, 20));
            leo.send(image("i2", "roy", Attachment.of(recent.uuid(), recent.secret(), "new.png", 1, "image/png")));
            leo.expect(Frame.Receipt.class);

            assertThat(server.sweepNow()).isEqualTo(1);

            assertThat(server.blobs().find(old.uuid())).as("went with its message").isEmpty();
            assertThat(server.blobs().find(recent.uuid())).isPresent();
        }
    }
}
