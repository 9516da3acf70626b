package dev.parley.desktop.search;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatManager;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Searches this user's messages on the server ({@code chatManager().searchMessages}), in one conversation or in all,
 * newest first, at most {@link ChatManager#MAX_PAGE_SIZE} results. One per signed-in session. Threading: call it on
 * the FX thread; the answer comes back on it through the injected {@code fx} executor.
 */
public final class SearchService {
    private final ChatClient client;
    private final Executor fx;

    /**
     * @param client the session's client
     * @param fx     the FX thread ({@code Platform::runLater} in the app)
     */
    public SearchService(ChatClient client, Executor fx) {
        this.client = Objects.requireNonNull(client, "client");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /**
     * Searches all conversations for messages with the words of {@code query}.
     *
     * @param then called on the FX thread with the messages, or with the failure
     */
    public void searchAll(String query, BiConsumer<List<ReceivedMessage>, Throwable> then) {
        deliver(start(() -> client.chatManager().searchMessages(query, ChatManager.MAX_PAGE_SIZE)), then);
    }

    /**
     * Searches one conversation for messages with the words of {@code query}.
     *
     * @param then called on the FX thread with the messages, or with the failure
     */
    public void searchIn(ConversationId conversation, String query,
                         BiConsumer<List<ReceivedMessage>, Throwable> then) {
        deliver(start(() -> client.chatManager().searchMessages(query, conversation.chatType(), conversation.id(),
                ChatManager.MAX_PAGE_SIZE)), then);
    }

    private static CompletableFuture<List<ReceivedMessage>> start(
            java.util.function.Supplier<CompletableFuture<List<ReceivedMessage>>> search) {
        try {
            return search.get();
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
    }

    private void deliver(CompletableFuture<List<ReceivedMessage>> result,
                         BiConsumer<List<ReceivedMessage>, Throwable> then) {
        result.whenComplete((messages, failure) -> fx.execute(() -> then.accept(messages, failure)));
    }
}
