package dev.parley.desktop.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatEventHandler;
import dev.parley.client.PresenceEvent;
import dev.parley.client.UserInfo;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.desktop.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The profile service against a real server and the real SDK, with a direct executor for the FX thread: what it saves
 * is what another user sees. (The toolkit is started only to decode pictures.)
 */
class ProfileServiceTest {
    private final DirectFx fx = new DirectFx();
    private final Settings settings = Settings.inMemory();
    private TestServer server;
    private ChatService chat;
    private ProfileService profile;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        server.register("leo");
        chat = server.service(fx);
        profile = fx.get(() -> new ProfileService(chat, settings, fx));
        fx.get(() -> chat.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        fx.run(chat::close);
        server.close();
    }

    @Test
    void aSavedNicknameIsWhatAnotherUserLooksUp() throws Exception {
        fx.get(() -> profile.saveNickname("  Leo Tolstoy 📚 ")).get(10, TimeUnit.SECONDS);

        Peer roy = server.peer("roy");
        UserInfo seen = TestServer.join(roy.client().userInfoManager().fetchUserInfo("leo")).orElseThrow();
        assertThat(seen.nickname()).isEqualTo("Leo Tolstoy 📚");
        assertThat(fx.get(() -> profile.load()).get(10, TimeUnit.SECONDS).nickname()).isEqualTo("Leo Tolstoy 📚");
    }

    @Test
    void aTooLongNicknameIsRefusedWithASentenceAndNothingChanges() throws Exception {
        fx.get(() -> profile.saveNickname("Leo")).get(10, TimeUnit.SECONDS);

        String refusal = failureOf(fx.get(() -> profile.saveNickname("x".repeat(65))));
        String control = failureOf(fx.get(() -> profile.saveNickname("Leo\u202Eevil")));

        assertThat(refusal).isEqualTo("Nickname: use at most 64 characters (this one has 65).");
        assertThat(control).startsWith("Nickname: ").endsWith(".");
        Peer roy = server.peer("roy");
        assertThat(TestServer.join(roy.client().userInfoManager().fetchUserInfo("leo")).orElseThrow().nickname())
                .isEqualTo("Leo");
    }

    @Test
    void anUploadedAvatarIsFetchedBackAs256By256(@TempDir Path dir) throws Exception {
        // A 600 × 400 picture, left half red and right half blue; the middle square is half of each.
        Picture picture = Picture.read(TestPictures.png(dir.resolve("me.png"),
                TestPictures.halves(600, 400, 0xffff0000, 0xff0000ff), 600, 400));
        Path avatar = dir.resolve("avatar.png");
        picture.writeAvatar(picture.initialSquare(), avatar);

        fx.get(() -> profile.uploadAvatar(avatar)).get(10, TimeUnit.SECONDS);

        Peer roy = server.peer("roy");
        UserInfo seen = TestServer.join(roy.client().userInfoManager().fetchUserInfo("leo")).orElseThrow();
        assertThat(seen.avatar()).isPresent();
        byte[] fetched = TestServer.join(roy.client().userInfoManager().fetchAvatar("leo")).orElseThrow();
        TestPictures.Pixels back = TestPictures.decode(fetched);
        assertThat(back.width()).isEqualTo(256);
        assertThat(back.height()).isEqualTo(256);
        assertThat(back.at(0, 0)).isEqualTo(0xffff0000);
        assertThat(back.at(127, 200)).isEqualTo(0xffff0000);
        assertThat(back.at(128, 200)).isEqualTo(0xff0000ff);
        assertThat(back.at(255, 255)).isEqualTo(0xff0000ff);
        assertThat(fx.get(() -> profile.load()).get(10, TimeUnit.SECONDS).avatar()).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(fetched));
    }

    @Test
    void anAvatarOverOneMegabyteIsRefusedBeforeUploading(@TempDir Path dir) throws Exception {
        Path big = Files.write(dir.resolve("big.png"), new byte[(1 << 20) + 1]);

        String refusal = failureOf(fx.get(() -> profile.uploadAvatar(big)));

        assertThat(refusal).isEqualTo("Picture: the server takes at most 1 MB.");
    }

    @Test
    void aPublishedStatusIsSeenByASubscriberAndKeptForTheNextSignIn() throws Exception {
        Peer roy = server.peer("roy");
        BlockingQueue<PresenceEvent> seen = new LinkedBlockingQueue<>();
        roy.client().addEventHandler("presence", new ChatEventHandler() {
            @Override
            public void onPresenceStatusChange(PresenceEvent presence) {
                seen.add(presence);
            }
        });
        TestServer.join(roy.client().presenceManager().subscribePresence(List.of("leo")));

        fx.get(() -> profile.publishStatus(" at the lake ")).get(10, TimeUnit.SECONDS);

        assertThat(nextWith(seen, "at the lake").online()).isTrue();
        assertThat(settings.status()).isEqualTo("at the lake");

        // A new sign-in publishes it again by itself (the server forgets it with the session).
        fx.run(chat::signOut);
        TestServer.join(roy.client().presenceManager().subscribePresence(List.of("leo")));
        seen.clear();
        fx.get(() -> chat.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        assertThat(nextWith(seen, "at the lake").online()).isTrue();
    }

    @Test
    void aStatusOver64CharactersIsRefusedWithASentence() throws Exception {
        assertThat(failureOf(fx.get(() -> profile.publishStatus("y".repeat(70)))))
                .isEqualTo("Status: use at most 64 characters (this one has 70).");
        assertThat(settings.status()).isEmpty();
    }

    /** The next presence of leo online with this status line (within the timeout). */
    private static PresenceEvent nextWith(BlockingQueue<PresenceEvent> events, String description)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestServer.TIMEOUT_SECONDS);
        while (System.nanoTime() < end) {
            PresenceEvent e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e != null && e.user().equals("leo") && e.online() && e.description().equals(description)) {
                return e;
            }
        }
        throw new AssertionError("no presence of leo online with status \"" + description + "\"");
    }

    private static String failureOf(CompletableFuture<?> result) throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ChatServiceException.class);
            return e.getCause().getMessage();
        }
        throw new AssertionError("not refused");
    }
}
