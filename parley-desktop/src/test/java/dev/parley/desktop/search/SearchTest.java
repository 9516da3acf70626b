package dev.parley.desktop.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatOptions;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.live.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search against a real server: all conversations or one, Chinese, highlights, the debounce and the states. */
class SearchTest {
    private final DirectFx fx = new DirectFx();
    private final ManualTime time = new ManualTime();
    private final List<SearchHit> opened = new CopyOnWriteArrayList<>();
    private TestServer server;
    private Peer leo;
    private String royHello;
    private String amyHello;
    private String chinese;

    @BeforeEach
    void start() {
        server = TestServer.start();
        leo = server.peer("leo");
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        royHello = roy.send("leo", "Hello world").serverId();
        amyHello = amy.send("leo", "hello again, HELLO").serverId();
        chinese = roy.send("leo", "大家你好呀").serverId();
        leo.send("amy", "nothing to find here");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<ReceivedMessage> search(SearchService service, ConversationId in, String query) {
        CompletableFuture<List<ReceivedMessage>> result = new CompletableFuture<>();
        fx.run(() -> {
            if (in == null) {
                service.searchAll(query, (found, failure) -> complete(result, found, failure));
            } else {
                service.searchIn(in, query, (found, failure) -> complete(result, found, failure));
            }
        });
        return TestServer.join(result);
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }

    private SearchViewModel viewModel(ChatClient client) {
        return fx.get(() -> new SearchViewModel(new SearchService(client, fx), "leo",
                conversation -> "Chat with " + conversation.id(), user -> user.toUpperCase(), time, time,
                opened::add));
    }

    @Test
    void theServiceSearchesAllConversationsOrOneAndChineseFindsChinese() {
        SearchService service = fx.get(() -> new SearchService(leo.client(), fx));

        assertThat(search(service, null, "HELLO")).extracting(ReceivedMessage::id)
                .containsExactly(amyHello, royHello);
        assertThat(search(service, ConversationId.single("roy"), "hello")).extracting(ReceivedMessage::id)
                .containsExactly(royHello);
        assertThat(search(service, ConversationId.single("amy"), "world")).isEmpty();
        assertThat(search(service, null, "你好")).extracting(ReceivedMessage::id).containsExactly(chinese);
    }

    @Test
    void theViewModelAsksOnceTheQueryRestsAndMarksEveryMatch() {
        SearchViewModel search = viewModel(leo.client());
        assertThat(fx.get(search::getStatus)).isEqualTo("Type to search all conversations.");

        fx.run(() -> search.queryProperty().set("hel"));
        fx.run(() -> time.advance(Duration.ofMillis(200)));
        fx.run(() -> search.queryProperty().set("hello"));
        fx.run(() -> time.advance(Duration.ofMillis(200)));
        assertThat(fx.get(search::getStatus)).as("still typing: not asked yet").isEqualTo("Searching…");
        assertThat(fx.get(() -> search.results().isEmpty())).isTrue();
        fx.run(() -> time.advance(Duration.ofMillis(50)));

        fx.await("two results", () -> search.results().size() == 2, search::getStatus);
        assertThat(fx.get(search::getStatus)).isEqualTo("2 messages");
        SearchHit first = fx.get(() -> search.results().getFirst());
        assertThat(first.message().id()).isEqualTo(amyHello);
        assertThat(first.conversationName()).isEqualTo("Chat with amy");
        assertThat(first.sender()).isEqualTo("AMY");
        assertThat(first.text()).isEqualTo("hello again, HELLO");
        assertThat(first.runs()).containsExactly(new Highlights.Run("hello", true),
                new Highlights.Run(" again, ", false), new Highlights.Run("HELLO", true));
        assertThat(fx.get(() -> search.selectedIndexProperty().get())).isZero();

        fx.run(() -> search.moveSelection(1));
        fx.run(() -> search.moveSelection(1)); // stays on the last
        fx.run(search::openSelected);
        assertThat(opened).extracting(hit -> hit.message().id()).containsExactly(royHello);
        assertThat(opened.getFirst().conversation()).isEqualTo(ConversationId.single("roy"));
        assertThat(fx.get(() -> search.showingProperty().get())).isFalse();
    }

    @Test
    void theScopeFiltersAndChineseIsMarkedAsSubstring() {
        SearchViewModel search = viewModel(leo.client());
        fx.run(() -> search.setOpenConversation(ConversationId.single("roy")));
        fx.run(search::show);
        assertThat(fx.get(() -> search.scopeProperty().get())).isEqualTo(SearchScope.THIS_CONVERSATION);
        assertThat(fx.get(search::getStatus)).isEqualTo("Type to search this conversation.");

        fx.run(() -> search.queryProperty().set("hello"));
        fx.run(() -> time.advance(SearchViewModel.DEBOUNCE));
        fx.await("roy's hello only", () -> search.results().size() == 1, search::getStatus);
        assertThat(fx.get(() -> search.results().getFirst().message().id())).isEqualTo(royHello);

        fx.run(() -> search.scopeProperty().set(SearchScope.ALL_CONVERSATIONS));
        fx.run(() -> time.advance(SearchViewModel.DEBOUNCE));
        fx.await("both hellos", () -> search.results().size() == 2, search::getStatus);

        fx.run(() -> search.queryProperty().set("你好"));
        fx.run(() -> time.advance(SearchViewModel.DEBOUNCE));
        fx.await("the Chinese message", () -> search.results().size() == 1, search::getStatus);
        assertThat(fx.get(() -> search.results().getFirst().runs())).containsExactly(
                new Highlights.Run("大家", false), new Highlights.Run("你好", true), new Highlights.Run("呀", false));

        fx.run(() -> search.queryProperty().set("xyzzy"));
        fx.run(() -> time.advance(SearchViewModel.DEBOUNCE));
        fx.await("nothing found", () -> !search.searchingProperty().get(), search::getStatus);
        assertThat(fx.get(search::getStatus)).isEqualTo("No messages contain “xyzzy”.");
    }

    @Test
    void aFailureIsASentence() {
        try (ChatClient signedOut = ChatClient.create(ChatOptions.builder().appKey(TestServer.APP_KEY)
                .url(server.wsUrl()).build())) {
            SearchViewModel search = viewModel(signedOut);
            fx.run(() -> search.queryProperty().set("hello"));
            fx.run(() -> time.advance(SearchViewModel.DEBOUNCE));
            fx.await("the failure told", () -> !search.searchingProperty().get(), search::getStatus);
            assertThat(fx.get(search::getStatus)).isEqualTo("Search did not work. You are not signed in.");
        }
    }

    @Test
    void highlightsCoverExactlyTheMatches() {
        assertThat(Highlights.matches("Hello world, hello", "HELLO")).containsExactly("Hello", "hello");
        assertThat(Highlights.matches("Hello world", "world hello")).as("each word of the query")
                .containsExactly("Hello", "world");
        assertThat(Highlights.runs("aaa", "aa")).as("overlapping matches merge")
                .containsExactly(new Highlights.Run("aaa", true));
        assertThat(Highlights.runs("no match", "xyz")).containsExactly(new Highlights.Run("no match", false));
        assertThat(Highlights.runs("大家你好呀，你好", "你好")).containsExactly(new Highlights.Run("大家", false),
                new Highlights.Run("你好", true), new Highlights.Run("呀，", false), new Highlights.Run("你好", true));
    }
}
