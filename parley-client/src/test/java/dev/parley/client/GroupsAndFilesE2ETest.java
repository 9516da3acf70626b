package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups, images and files, search and profiles: the SDK against a real server (REST and WebSocket). */
class GroupsAndFilesE2ETest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;
    private LiveServer live;
    private final RecordingHandler leoEvents = new RecordingHandler();
    private final RecordingHandler royEvents = new RecordingHandler();
    private ChatClient leo;
    private ChatClient roy;

    @BeforeEach
    void bothOnline() {
        live = LiveServer.start(dataDir);
        leo = live.client(leoEvents);
        roy = live.client(royEvents);
        await(leo.open("leo", live.token("leo")));
        await(roy.open("roy", live.token("roy")));
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void aGroupOfThreeWithOneMemberOfflineKeepsEveryonesMessagesInOrder() {
        live.token("amy");
        live.token("zed");
        String group = await(leo.groupManager().createGroup("trip", "", List.of("roy", "amy"), 10));
        royEvents.await("group:" + group + ":CREATED::leo");

        SendReceipt first = await(leo.send(ChatMessage.createTextSendMessage(group, "where to?")
                .withChatType(ChatType.GROUP)));
        royEvents.await("text:" + first.serverId() + ":leo:where to?");
        SendReceipt second = await(roy.send(ChatMessage.createTextSendMessage(group, "北京!")
                .withChatType(ChatType.GROUP)));
        leoEvents.await("text:" + second.serverId() + ":roy:北京!");

        // amy was offline: the group's creation and both messages, in order, at sign-in
        RecordingHandler amyEvents = new RecordingHandler();
        ChatClient amy = live.client(amyEvents);
        await(amy.open("amy", live.token("amy")));
        amyEvents.await("group:" + group + ":CREATED");
        amyEvents.await("text:" + first.serverId());
        amyEvents.await("text:" + second.serverId());
        assertThat(amyEvents.messages).extracting(TextMessageEvent::to).containsOnly(group);

        // a non-member is refused, a member cannot add people, the owner can remove, and removal stops delivery
        RecordingHandler zedEvents = new RecordingHandler();
        ChatClient zed = live.client(zedEvents);
        await(zed.open("zed", live.token("zed")));
        assertThatThrownBy(() -> await(zed.send(ChatMessage.createTextSendMessage(group, "hi?")
                .withChatType(ChatType.GROUP)))).satisfies(e -> assertThat(code(e)).isEqualTo(602));
        assertThatThrownBy(() -> await(roy.groupManager().addUsersToGroup(group, List.of("zed"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo(603));
        await(leo.groupManager().removeUserFromGroup(group, "amy"));
        amyEvents.await("group:" + group + ":MEMBER_REMOVED:amy:leo");
        SendReceipt after = await(leo.send(ChatMessage.createTextSendMessage(group, "amy is gone")
                .withChatType(ChatType.GROUP)));
        royEvents.await("text:" + after.serverId());
        assertThat(await(amy.groupManager().getJoinedGroups())).isEmpty();
        assertThat(await(roy.groupManager().getGroupInfo(group)).members()).containsExactly("leo", "roy");
        assertThat(amyEvents.drain()).noneMatch(e -> e.startsWith("text:" + after.serverId()));
    }

    @Test
    void aFiveMegabyteImageTravelsWholeWithAThumbnail() throws IOException {
        Path image = files.resolve("photo.png");
        writeNoisyPng(image, 1600, 1200);
        assertThat(Files.size(image)).isGreaterThan(5_000_000);

        SendReceipt sent = await(leo.send(ChatMessage.createImageSendMessage("roy", image)));
        royEvents.await("image:" + sent.serverId() + ":photo.png");
        ReceivedMessage got = royEvents.received.stream().filter(m -> m.id().equals(sent.serverId())).findFirst()
                .orElseThrow();
        Attachment file = ((Content.Image) got.content()).file();
        assertThat(file.width()).isEqualTo(1600);
        assertThat(file.height()).isEqualTo(1200);

        Path copy = await(roy.chatManager().downloadFile(file, files.resolve("copy.png"), (done, total) -> { }));
        assertThat(Files.mismatch(copy, image)).as("byte-identical").isEqualTo(-1L);
        Path thumb = await(roy.chatManager().downloadThumbnail(file, files.resolve("thumb.png"), (done, total) -> { }));
        BufferedImage small = ImageIO.read(thumb.toFile());
        assertThat(Math.max(small.getWidth(), small.getHeight())).isLessThanOrEqualTo(320);
        assertThat(small.getWidth() * 3).isEqualTo(small.getHeight() * 4);

        HttpResponse<String> wrongSecret = get(file.url(), "not-the-secret");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void anElevenMegabyteUploadIsRefused() throws IOException {
        Path big = files.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(11L * 1024 * 1024);
        }
        assertThatThrownBy(() -> await(leo.chatManager().uploadFile(big, (done, total) -> { })))
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(ChatRestException.class)
                        .satisfies(r -> assertThat(((ChatRestException) r).httpStatus()).isEqualTo(413)));
    }

    @Test
    void searchFindsWordsAndChineseButNothingOfOtherUsers() {
        await(leo.send(TextMessage.create("roy", "Dinner at the Noodle Bar")));
        await(roy.send(TextMessage.create("leo", "我们明天去北京吃烤鸭")));
        live.token("amy");
        live.token("zed");
        RecordingHandler zedEvents = new RecordingHandler();
        ChatClient zed = live.client(zedEvents);
        await(zed.open("zed", live.token("zed")));
        await(zed.send(TextMessage.create("amy", "secret noodle plans in 北京")));

        assertThat(await(leo.chatManager().searchMessages("noodle", 10))).extracting(m -> m.text().orElse(""))
                .containsExactly("Dinner at the Noodle Bar");
        assertThat(await(leo.chatManager().searchMessages("北京", 10))).extracting(m -> m.text().orElse(""))
                .containsExactly("我们明天去北京吃烤鸭");
        assertThat(await(leo.chatManager().searchMessages("secret", 10))).isEmpty();
    }

    @Test
    void aNicknameAndAnAvatarAreSeenByOthers() throws IOException {
        Path picture = files.resolve("me.png");
        writeNoisyPng(picture, 64, 64);
        await(leo.userInfoManager().updateOwnUserInfo("Leo 🦁"));
        await(leo.userInfoManager().uploadAvatar(picture));

        UserInfo seen = await(roy.userInfoManager().fetchUserInfo("leo")).orElseThrow();
        assertThat(seen.nickname()).isEqualTo("Leo 🦁");
        assertThat(seen.avatarUrl()).endsWith("/users/leo/avatar");
        HttpResponse<byte[]> avatar = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create(seen.avatarUrl())).header("Authorization", "Bearer " + live.token("roy")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).join();
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.body()).isEqualTo(Files.readAllBytes(picture));
        assertThatThrownBy(() -> await(leo.userInfoManager().updateOwnUserInfo("bad\u202Ename")))
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(ChatRestException.class));
    }

    @Test
    void aNicknameIsCountedInCharactersAsTheServerCountsThem() {
        String sixtyFourEmoji = "🦁".repeat(64); // 128 UTF-16 units, 64 characters: the server's limit
        await(leo.userInfoManager().updateOwnUserInfo(sixtyFourEmoji));
        assertThat(await(roy.userInfoManager().fetchUserInfo("leo")).orElseThrow().nickname()).isEqualTo(sixtyFourEmoji);
        assertThatThrownBy(() -> leo.userInfoManager().updateOwnUserInfo(sixtyFourEmoji + "🦁"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<String> get(String url, String secret) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url))
                .header("share-secret", secret).build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** A PNG of random pixels (it does not compress): about 4 bytes a pixel. */
    private static void writeNoisyPng(Path target, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            ImageIO.write(image, "png", out);
        }
    }

    private static int code(Throwable e) {
        return ((ChatException) rootCause(e)).code();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t;
    }
}
