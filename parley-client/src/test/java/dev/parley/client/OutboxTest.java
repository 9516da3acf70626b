package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.parley.protocol.ErrorCode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final Outbox outbox = new Outbox();

    private CompletableFuture<SendReceipt> add(TextMessage message) {
        CompletableFuture<SendReceipt> future = new CompletableFuture<>();
        outbox.add(message.toChatMessage(), future, new FutureTask<>(() -> null));
        return future;
    }

    @Test
    void messagesWaitInTheOrderTheyWereSent() {
        TextMessage a = TextMessage.create("roy", "one");
        TextMessage b = TextMessage.create("roy", "two");
        TextMessage c = TextMessage.create("amy", "three");
        add(a);
        add(b);
        add(c);
        assertThat(outbox.messages()).containsExactly(a.toChatMessage(), b.toChatMessage(), c.toChatMessage());
        outbox.receipt(b.localId(), "s2", 2);
        assertThat(outbox.messages()).containsExactly(a.toChatMessage(), c.toChatMessage());
    }

    @Test
    void receiptCompletesTheSendOnceAndCancelsItsTimeout() {
        TextMessage m = TextMessage.create("roy", "hi");
        CompletableFuture<SendReceipt> future = new CompletableFuture<>();
        FutureTask<Void> timeout = new FutureTask<>(() -> null);
        outbox.add(m.toChatMessage(), future, timeout);

        assertThat(outbox.receipt(m.localId(), "s1", 1_700_000_000_000L)).isTrue();
        assertThat(outbox.receipt(m.localId(), "s1", 1_700_000_000_000L)).isFalse();
        assertThat(future.orTimeout(5, SECONDS).join())
                .isEqualTo(new SendReceipt(m.localId(), "s1", Instant.ofEpochMilli(1_700_000_000_000L)));
        assertThat(timeout.isCancelled()).isTrue();
        assertThat(outbox.contains(m.localId())).isFalse();
    }

    @Test
    void failureCarriesTheCode() {
        TextMessage m = TextMessage.create("roy", "x".repeat(10));
        CompletableFuture<SendReceipt> future = add(m);
        assertThat(outbox.fail(m.localId(), new ChatException(ErrorCode.MESSAGE_TOO_LARGE, "too large"))).isTrue();
        assertThatThrownBy(() -> future.orTimeout(5, SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(511));
    }

    @Test
    void failAllEmptiesTheOutbox() {
        CompletableFuture<SendReceipt> first = add(TextMessage.create("roy", "1"));
        CompletableFuture<SendReceipt> second = add(TextMessage.create("roy", "2"));
        outbox.failAll(new ChatException(ErrorCode.DISCONNECTED, "closed"));
        assertThat(outbox.size()).isZero();
        assertThat(CompletableFuture.allOf(first, second).handle((v, e) -> e)
                .orTimeout(5, SECONDS).join()).isNotNull();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
    }

    @Test
    void aLocalIdWaitsAtMostOnce() {
        TextMessage m = TextMessage.create("roy", "hi");
        CompletableFuture<SendReceipt> future = add(m);
        assertThat(outbox.futureOf(m.localId())).contains(future);
        assertThatThrownBy(() -> add(m)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void localIdsAreFreshAndFitTheProtocol() {
        TextMessage a = TextMessage.create("roy", "hi");
        TextMessage b = TextMessage.create("roy", "hi");
        assertThat(a.localId()).isNotEqualTo(b.localId()).hasSizeLessThanOrEqualTo(64);
        assertThat(a.withExt(Map.of("k", 1)).localId()).isEqualTo(a.localId());
        assertThat(a.withExt(Map.of("k", 1)).ext().getInt("k")).isEqualTo(1);
        assertThatThrownBy(() -> new TextMessage("x".repeat(65), "roy", "hi", a.ext()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
