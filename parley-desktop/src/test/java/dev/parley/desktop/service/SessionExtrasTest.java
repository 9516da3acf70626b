package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.live.ManualTime;
import dev.parley.desktop.media.Upload;
import dev.parley.desktop.media.UploadState;
import dev.parley.protocol.ChatType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media and live parts of a sign-in ({@link SessionExtras}, {@link SignInKit}) in the service, against a real
 * server and the real SDK with a direct executor: made at sign-in and gone at sign-out, typing routed from the SDK
 * and forgotten when the connection goes, presence watching the peers of the list as they appear, and a file sent
 * from here put into the user's own timeline.
 */
class SessionExtrasTest {
    @TempDir
    Path dir;
    private final DirectFx fx = new DirectFx();
    private final ManualTime time = new ManualTime();
    private TestServer server;
    private ChatService leo;

    @BeforeEach
    void start() {
        server = TestServer.start();
        leo = server.service(fx);
        fx.run(() -> {
            leo.extras().setMediaDirectory(dir.resolve("media"));
            leo.extras().useTime(time, time);
        });
    }

    @AfterEach
    void stop() {
        fx.run(leo::close);
        server.close();
    }

    private SignInKit signIn() throws Exception {
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("connected", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        return fx.get(() -> leo.extras().kit().orElseThrow());
    }

    @Test
    void aKitIsMadeAtSignInWithItsMediaDirectoryAndGoneAtSignOut() throws Exception {
        assertThat(fx.get(() -> leo.extras().kit())).isEmpty();
        SignInKit kit = signIn();
        assertThat(kit.media().directory()).isEqualTo(dir.resolve("media"));

        fx.run(leo::signOut);

        assertThat(fx.get(() -> leo.extras().kitProperty().get())).isNull();
    }

    @Test
    void typingIsShownUntilTheConnectionGoesAndPeersOfTheListAreWatchedAsTheyAppear() throws Exception {
        Peer roy = server.peer("roy");
        SignInKit kit = signIn();
        roy.send("leo", "hi");
        fx.await("roy listed and watched", () -> kit.presence().watched().contains("roy"));

        roy.client().chatManager().sendTyping(ChatType.SINGLE, "leo").get(10, TimeUnit.SECONDS);
        var text = fx.get(() -> kit.typing().textProperty(ConversationId.single("roy")));
        fx.await("roy types", () -> text.get().equals("roy is typing…"));

        server.stop();
        fx.await("the connection went, and with it the typing", () -> text.get().isEmpty()
                && leo.getConnectionState() != ConnectionState.CONNECTED);
        server.startAgain();
        fx.await("connected again", () -> leo.getConnectionState() == ConnectionState.CONNECTED);

        Peer amy = server.peer("amy");
        amy.send("leo", "hello");
        fx.await("amy watched too", () -> kit.presence().watched().contains("amy"));
    }

    @Test
    void aFileSentFromHereEntersTheOwnTimelineAsTheServerKeepsIt() throws Exception {
        server.peer("roy");
        SignInKit kit = signIn();
        fx.get(() -> leo.startConversation("roy")).get(10, TimeUnit.SECONDS);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "some notes");

        Upload upload = fx.get(() -> kit.attachments().send(ConversationId.single("roy"), notes));

        fx.await("sent", () -> upload.getState() == UploadState.SENT);
        fx.await("in leo's own timeline", () -> leo.getMessages().stream().anyMatch(m -> m.isMine()
                && m.content() instanceof MessageContent.File f && f.file().filename().equals("notes.txt")
                && !f.file().url().isEmpty()));
        assertThat(fx.get(() -> leo.getConversations().getFirst().preview())).isEqualTo("📄 notes.txt");
    }
}
