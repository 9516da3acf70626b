package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST calls of protocol version 2 against a stub that answers in the shapes {@link JsonBodies} documents: the
 * requests the SDK makes (method, path, query, body, token) and how it reads the answers and the errors.
 */
class RestV2Test {
    private static final String BASE = "/parley/test";

    @TempDir
    Path dir;
    private HttpStub stub;
    private final FakeTransport transport = new FakeTransport();
    private ChatClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new HttpStub();
        client = ChatClient.create(ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .apiUrl(stub.url()).build(), transport);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private void logIn() {
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
    }

    private static ChatRestException restFailure(CompletableFuture<?> future) {
        Throwable failure = future.handle((v, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
        assertThat(cause).isInstanceOf(ChatRestException.class);
        return (ChatRestException) cause;
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static final String GROUP_PAGE = """
            {"messages":[
              {"id":"5","from":"roy","to":"100","chatType":"groupChat","msgType":"txt","msg":"new text","time":5,
               "edited":true,"editTime":6,"status":"read"},
              {"id":"4","from":"amy","to":"100","chatType":"groupChat","msgType":"img","time":4,"status":"delivered",
               "file":{"uuid":"u-4","secret":"s4","filename":"cat.png","size":2048,"mime":"image/png","width":640,
                       "height":480,"url":"http://h/parley/test/chatfiles/u-4","thumbnailUrl":"http://h/t"}},
              {"id":"3","from":"leo","to":"100","chatType":"groupChat","msgType":"txt","time":3,"recalled":true},
              {"id":"2","from":"roy","to":"100","chatType":"groupChat","msgType":"custom","time":2,
               "customEvent":"poll","customExts":{"q":"lunch?"},"ext":{"k":1}},
              {"id":"1","from":"roy","to":"100","chatType":"groupChat","msgType":"file","time":1,
               "file":{"uuid":"u-1","secret":"s1","filename":"menu.pdf","size":9,"mime":"application/pdf"}}
            ],"cursor":"1"}""";

    @Test
    void aGroupsHistoryIsAskedForWithItsChatTypeAndHoldsEveryKindOfMessage() {
        stub.json("GET", BASE + "/users/leo/messages", 200, GROUP_PAGE);
        logIn();
        HistoryPage page = await(client.chatManager().history(ChatType.GROUP, "100", "9", 5));

        HttpStub.Request request = stub.next();
        assertThat(request.query()).isEqualTo("peer=100&chatType=groupChat&before=9&limit=5");
        assertThat(request.header("Authorization")).isEqualTo("Bearer 007token");
        List<ReceivedMessage> messages = page.receivedMessages();
        assertThat(messages).extracting(ReceivedMessage::msgType).containsExactly("txt", "img", "txt", "custom", "file");
        assertThat(messages.get(0).text()).contains("new text");
        assertThat(messages.get(0).edited()).isTrue();
        assertThat(messages.get(0).state()).isEqualTo(MessageState.READ);
        assertThat(messages.get(1).content()).isEqualTo(new Content.Image(new Attachment("u-4", "s4", "cat.png", 2048,
                "image/png", 640, 480, "http://h/parley/test/chatfiles/u-4", "http://h/t")));
        assertThat(messages.get(2).isRecalled()).isTrue();
        assertThat(messages.get(2).content()).isEqualTo(new Content.Recalled("txt"));
        assertThat(messages.get(3).content()).isEqualTo(new Content.Custom("poll", Map.of("q", "lunch?")));
        assertThat(messages.get(3).ext().getInt("k")).isEqualTo(1);
        assertThat(messages.get(4).conversation("leo")).isEqualTo(ConversationId.group("100"));
        assertThat(page.cursor()).contains("1");
        assertThat(page.isLast()).isFalse();
        assertThat(page.messages()).extracting(TextMessageEvent::msg)
                .containsExactly("new text", "cat.png", "", "poll", "menu.pdf");
        assertThat(page.messages()).extracting(TextMessageEvent::chatType).containsOnly("groupChat");
    }

    @Test
    void aHistoryReadDownAsksForMessagesAfterTheStart() {
        stub.json("GET", BASE + "/users/leo/messages", 200, "{\"messages\":[],\"isLast\":true}");
        logIn();
        await(client.chatManager().history(ChatType.GROUP, "100", "9", 5, SearchDirection.DOWN));
        await(client.chatManager().history(ChatType.SINGLE, "roy", "", 5, SearchDirection.DOWN));

        assertThat(stub.next().query()).isEqualTo("peer=100&chatType=groupChat&after=9&limit=5");
        assertThat(stub.next().query()).as("from the oldest").isEqualTo("peer=roy&after=0&limit=5");
    }

    @Test
    void aOneToOneHistoryLeavesTheChatTypeToTheServersDefault() {
        stub.json("GET", BASE + "/users/leo/messages", 200, "{\"messages\":[]}");
        logIn();
        HistoryPage page = await(client.history("roy", 50));
        assertThat(stub.next().query()).isEqualTo("peer=roy&limit=50");
        assertThat(page.isLast()).isTrue();
        assertThat(page.receivedMessages()).isEmpty();
    }

    @Test
    void conversationsCarryTheirKindIdAndNameAndVersion1ItemsStillRead() {
        stub.json("GET", BASE + "/users/leo/conversations", 200, """
                [{"chatType":"groupChat","id":"100","name":"Lunch","unreadCount":2,
                  "lastMessage":{"id":"5","from":"roy","to":"100","chatType":"groupChat","msgType":"img","time":5,
                                 "file":{"uuid":"u","secret":"s","filename":"cat.png","size":1,"mime":"image/png"}}},
                 {"peer":"roy","unreadCount":0,
                  "lastMessage":{"id":"4","from":"leo","to":"roy","msg":"hi","time":4,"status":"read"}}]""");
        logIn();
        List<Conversation> conversations = await(client.conversations());
        assertThat(conversations).extracting(Conversation::conversationId)
                .containsExactly(ConversationId.group("100"), ConversationId.single("roy"));
        assertThat(conversations.get(0).name()).isEqualTo("Lunch");
        assertThat(conversations.get(0).unreadCount()).isEqualTo(2);
        assertThat(conversations.get(0).latest().msgType()).isEqualTo("img");
        assertThat(conversations.get(0).lastMessage().msg()).isEqualTo("cat.png");
        assertThat(conversations.get(1).peer()).isEqualTo("roy");
        assertThat(conversations.get(1).name()).isEmpty();
        assertThat(conversations.get(1).lastMessage().state()).isEqualTo(MessageState.READ);
    }

    @Test
    void searchSendsTheQueryAndReadsTheMessages() {
        stub.json("GET", BASE + "/users/leo/messages/search", 200, """
                {"messages":[{"id":"7","from":"roy","to":"leo","chatType":"singleChat","msgType":"txt",
                              "msg":"hello world","time":7}]}""");
        logIn();
        List<ReceivedMessage> found = await(client.chatManager().searchMessages("hello wörld", ChatType.GROUP, "100",
                10));
        assertThat(stub.next().query()).isEqualTo("q=hello+w%C3%B6rld&chatType=groupChat&peer=100&limit=10");
        assertThat(found).extracting(ReceivedMessage::id).containsExactly("7");
        await(client.chatManager().searchMessages("x", 1));
        assertThat(stub.next().query()).isEqualTo("q=x&limit=1");
    }

    @Test
    void groupCallsUseThePathsMethodsAndBodiesOfTheProtocol() {
        stub.json("POST", BASE + "/chatgroups", 200, "{\"data\":{\"groupid\":\"123\"}}")
                .json("GET", BASE + "/chatgroups/123", 200, """
                        {"data":{"id":"123","name":"Lunch","description":"noon","owner":"leo","admins":[],
                                 "members":["leo","roy"],"maxusers":200,"created":1700000000000}}""")
                .json("PUT", BASE + "/chatgroups/123", 200, "{\"data\":{}}")
                .json("DELETE", BASE + "/chatgroups/123", 200, "{}")
                .json("POST", BASE + "/chatgroups/123/users", 200, "{}")
                .json("DELETE", BASE + "/chatgroups/123/users/amy", 200, "{}")
                .json("DELETE", BASE + "/chatgroups/123/users/leo", 200, "{}")
                .json("GET", BASE + "/users/leo/joined_chatgroups", 200,
                        "{\"data\":[{\"groupid\":\"123\",\"groupname\":\"Lunch\"}]}");
        logIn();
        GroupManager groups = client.groupManager();

        assertThat(await(groups.createGroup("Lunch", "noon", List.of("roy", "amy"), 200))).isEqualTo("123");
        HttpStub.Request create = stub.next();
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(create.text())).isEqualTo(json("""
                {"groupname":"Lunch","description":"noon","members":["roy","amy"],"maxusers":200}"""));
        await(groups.createGroup("Tea", List.of()));
        assertThat(json(stub.next().text())).isEqualTo(json("{\"groupname\":\"Tea\"}"));

        GroupInfo info = await(groups.getGroupInfo("123"));
        assertThat(info).isEqualTo(new GroupInfo("123", "Lunch", "noon", "leo", List.of(), List.of("leo", "roy"), 200,
                Instant.ofEpochMilli(1_700_000_000_000L)));
        stub.next();

        await(groups.changeGroupName("123", "Brunch"));
        assertThat(json(stub.next().text())).isEqualTo(json("{\"groupname\":\"Brunch\"}"));
        await(groups.changeGroupDescription("123", ""));
        assertThat(json(stub.next().text())).isEqualTo(json("{\"description\":\"\"}"));
        await(groups.addUsersToGroup("123", List.of("amy")));
        assertThat(json(stub.next().text())).isEqualTo(json("{\"usernames\":[\"amy\"]}"));
        await(groups.removeUserFromGroup("123", "amy"));
        assertThat(stub.next().path()).isEqualTo(BASE + "/chatgroups/123/users/amy");
        await(groups.leaveGroup("123"));
        HttpStub.Request leave = stub.next();
        assertThat(leave.method()).isEqualTo("DELETE");
        assertThat(leave.path()).isEqualTo(BASE + "/chatgroups/123/users/leo");
        await(groups.destroyGroup("123"));
        assertThat(stub.next().method()).isEqualTo("DELETE");
        assertThat(await(groups.getJoinedGroups())).containsExactly(new GroupSummary("123", "Lunch"));
    }

    @Test
    void groupErrorsKeepTheStatusAndNameAndMapToAgorasGroupCodes() {
        stub.json("PUT", BASE + "/chatgroups/123", 403,
                        "{\"error\":\"forbidden_op\",\"error_description\":\"not an admin\"}")
                .json("GET", BASE + "/chatgroups/123", 403,
                        "{\"error\":\"forbidden_op\",\"error_description\":\"not a member\"}")
                .json("GET", BASE + "/chatgroups/999", 404,
                        "{\"error\":\"resource_not_found\",\"error_description\":\"no such group\"}")
                .json("POST", BASE + "/chatgroups/123/users", 403,
                        "{\"error\":\"forbidden_op\",\"error_description\":\"full\",\"code\":604}");
        logIn();
        GroupManager groups = client.groupManager();
        ChatRestException notAdmin = restFailure(groups.changeGroupName("123", "x"));
        assertThat(notAdmin.httpStatus()).isEqualTo(403);
        assertThat(notAdmin.error()).isEqualTo("forbidden_op");
        assertThat(notAdmin.code()).isEqualTo(ErrorCode.GROUP_PERMISSION_DENIED.code());
        assertThat(notAdmin.getMessage()).contains("not an admin");
        assertThat(restFailure(groups.getGroupInfo("123")).code()).isEqualTo(ErrorCode.GROUP_NOT_MEMBER.code());
        assertThat(restFailure(groups.getGroupInfo("999")).code()).isEqualTo(ErrorCode.GROUP_NOT_FOUND.code());
        assertThat(restFailure(groups.addUsersToGroup("123", List.of("amy"))).code())
                .as("a code in the body wins").isEqualTo(ErrorCode.GROUP_FULL.code());
        ChatRestException unknown = restFailure(client.conversations());
        assertThat(unknown.httpStatus()).isEqualTo(404);
        assertThat(unknown.code()).as("version 1's mapping is kept").isEqualTo(ErrorCode.USER_NOT_FOUND.code());
    }

    @Test
    void profilesAreChangedAndReadOverRest() throws IOException {
        stub.json("PUT", BASE + "/users/leo", 200, "{\"entities\":[{\"username\":\"leo\",\"nickname\":\"Leo\"}]}")
                .json("PUT", BASE + "/users/leo/avatar", 200, "{}")
                .json("GET", BASE + "/users/roy", 200, """
                        {"username":"roy","nickname":"Roy Batty","avatarUrl":"http://h/parley/test/users/roy/avatar",
                         "created":1}""")
                .json("GET", BASE + "/users/ghost", 404,
                        "{\"error\":\"service_resource_not_found\",\"error_description\":\"no such user\"}");
        logIn();
        UserInfoManager users = client.userInfoManager();

        await(users.updateOwnUserInfo("Leo \u263A"));
        HttpStub.Request rename = stub.next();
        assertThat(rename.method()).isEqualTo("PUT");
        assertThat(json(rename.text())).isEqualTo(json("{\"nickname\":\"Leo \u263A\"}"));

        Path avatar = Files.write(dir.resolve("me.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        await(users.uploadAvatar(avatar));
        HttpStub.Request upload = stub.next();
        assertThat(upload.header("Content-Type")).isEqualTo("image/png");
        assertThat(upload.body()).containsExactly(0x89, 'P', 'N', 'G');

        assertThat(await(users.fetchUserInfo("roy"))).hasValueSatisfying(roy -> {
            assertThat(roy.displayName()).isEqualTo("Roy Batty");
            assertThat(roy.avatar()).contains("http://h/parley/test/users/roy/avatar");
        });
        Map<String, UserInfo> found = await(users.fetchUserInfo(List.of("roy", "ghost")));
        assertThat(found).containsOnlyKeys("roy");
    }

    @Test
    void anAvatarIsFetchedAsItsBytesWithTheUsersTokenAndNoneIsEmpty() {
        stub.json("GET", BASE + "/users/roy/avatar", 200, "picture bytes")
                .json("GET", BASE + "/users/amy/avatar", 404,
                        "{\"error\":\"service_resource_not_found\",\"error_description\":\"no avatar\"}")
                .json("GET", BASE + "/users/leo/avatar", 401,
                        "{\"error\":\"unauthorized\",\"error_description\":\"bad token\"}");
        logIn();
        UserInfoManager users = client.userInfoManager();

        assertThat(await(users.fetchAvatar("roy"))).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("picture bytes"));
        assertThat(stub.next().header("Authorization")).isEqualTo("Bearer 007token");
        assertThat(await(users.fetchAvatar("amy"))).isEmpty();
        assertThat(restFailure(users.fetchAvatar("leo")).httpStatus()).isEqualTo(401);
    }

    @Test
    void fileTransfersAndV2RestCallsNeedALogin() {
        Attachment file = Attachment.of("u", "s", "a", 1, "x/y");
        assertThat(SessionStateMachineTest.failureOf(client.chatManager().downloadFile(file, dir.resolve("a"),
                TransferListener.NONE)).code()).isEqualTo(39);
        assertThat(SessionStateMachineTest.failureOf(client.groupManager().getJoinedGroups()).code()).isEqualTo(39);
        assertThat(stub.all).isEmpty();
    }

    @Test
    void anUploadThroughTheChatManagerUsesTheUsersToken() throws IOException {
        stub.json("POST", BASE + "/chatfiles", 200,
                "{\"entities\":[{\"uuid\":\"u-1\",\"type\":\"chatfile\",\"share-secret\":\"sec\"}]}");
        logIn();
        Path doc = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThat(await(client.chatManager().uploadFile(doc, TransferListener.NONE)))
                .isEqualTo(Attachment.of("u-1", "sec", "notes.txt", 5, "text/plain"));
        assertThat(stub.next().header("Authorization")).isEqualTo("Bearer 007token");
    }
}
