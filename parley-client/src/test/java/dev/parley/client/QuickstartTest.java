package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agora's quickstart, against a real server: Leo sends Roy a message while Roy is away; Roy gets it at login. */
class QuickstartTest {
    @TempDir
    Path dataDir;
    private LiveServer live;

    @BeforeEach
    void startServer() {
        live = LiveServer.start(dataDir);
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void leoSendsRoyReceivesAfterLogin() {
        String leoToken = live.token("leo");
        String royToken = live.token("roy");

        RecordingHandler leoEvents = new RecordingHandler();
        ChatClient leo = live.client(leoEvents);
        LoginResult login = await(leo.open("Leo", leoToken));
        assertThat(login.user()).isEqualTo("leo");
        TextMessage hi = TextMessage.create("roy", "Hi, how are you doing?");
        SendReceipt receipt = await(leo.send(hi));
        assertThat(receipt.localId()).isEqualTo(hi.localId());
        assertThat(receipt.serverId()).isNotBlank();
        leo.close();
        leoEvents.await("disconnected:CLOSED");

        RecordingHandler royEvents = new RecordingHandler();
        ChatClient roy = live.client(royEvents);
        assertThat(await(roy.open("Roy", royToken)).user()).isEqualTo("roy");
        assertThat(royEvents.until("syncEnd")).filteredOn(e -> !e.startsWith("state:") && !e.equals("connected"))
                .containsExactly("syncStart:1", "text:" + receipt.serverId() + ":leo:Hi, how are you doing?");
        TextMessageEvent message = royEvents.messages.getFirst();
        assertThat(message.to()).isEqualTo("roy");
        assertThat(message.chatType()).isEqualTo("singleChat");
        assertThat(message.time()).isEqualTo(receipt.time());
        assertThat(royEvents.threads).contains("parley-events-roy");
    }
}
