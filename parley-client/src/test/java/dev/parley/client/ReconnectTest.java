package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server restart on the same port and data: clients come back by themselves and lose nothing. */
class ReconnectTest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    private final RecordingHandler leoEvents = new RecordingHandler();
    private final RecordingHandler royEvents = new RecordingHandler();
    private ChatClient leo;
    private ChatClient roy;

    @BeforeEach
    void bothOnline() {
        live = LiveServer.start(dataDir);
        // 100 ms between attempts (the test policy), enough attempts to outlast a restart.
        leo = live.client(live.options().autoReconnectMaxAttempts(100), leoEvents);
        roy = live.client(live.options().autoReconnectMaxAttempts(100), royEvents);
        await(leo.open("leo", live.token("leo")));
        await(roy.open("roy", live.token("roy")));
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void clientsReconnectAfterAServerRestartAndMessagesSentMeanwhileArriveExactlyOnce() {
        SendReceipt before = await(leo.send(TextMessage.create("roy", "before the restart")));
        royEvents.await("text:" + before.serverId());

        live.stop();
        leoEvents.await("disconnected:CONNECTION_LOST");
        assertThat(leoEvents.await("reconnecting:")).isEqualTo("reconnecting:1:100");
        royEvents.await("disconnected:CONNECTION_LOST");
        assertThat(leo.connectionState()).isEqualTo(ConnectionState.RECONNECTING);

        List<TextMessage> whileAway = new ArrayList<>();
        List<CompletableFuture<SendReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TextMessage m = TextMessage.create("roy", "while the server was away " + i);
            whileAway.add(m);
            receipts.add(leo.send(m));
        }
        assertThat(receipts).noneMatch(CompletableFuture::isDone);

        live.startAgain();
        leoEvents.await("connected");
        royEvents.await("connected");
        assertThat(leo.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
        List<String> serverIds = receipts.stream().map(f -> f.join().serverId()).toList();
        assertThat(serverIds).doesNotHaveDuplicates();

        for (int i = 0; i < whileAway.size(); i++) {
            royEvents.await("text:" + serverIds.get(i) + ":leo:" + whileAway.get(i).text());
        }
        leoEvents.await("delivered:" + serverIds.getLast() + ":roy");
        List<String> texts = royEvents.messages.stream().map(TextMessageEvent::msg).toList();
        assertThat(texts).containsExactly("before the restart", "while the server was away 0",
                "while the server was away 1", "while the server was away 2", "while the server was away 3",
                "while the server was away 4");

        HistoryPage history = await(roy.history("leo", 50));
        assertThat(history.messages()).hasSize(6);
        assertThat(history.messages().getFirst().msg()).isEqualTo("while the server was away 4");
    }

    @Test
    void closeDuringReconnectStopsTryingAndFailsTheWaitingSends() {
        live.stop();
        leoEvents.await("reconnecting:");
        CompletableFuture<SendReceipt> waiting = leo.send(TextMessage.create("roy", "never sent"));
        leo.close();
        assertThat(SessionStateMachineTest.failureOf(waiting).code()).isEqualTo(16);
        leoEvents.await("disconnected:CLOSED");
        live.startAgain();
        royEvents.await("connected");
        assertThat(leo.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(leoEvents.drain()).doesNotContain("connected");
    }
}
