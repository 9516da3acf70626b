package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recall, edit and reply through the service, with the real SDK against a real server: the peer sees a recall and an
 * edit live and again from the history after a restart of its service; a reply carries its quote (in
 * {@code ext.msgQuote}) and its original is found although it is older than the page shown; a recall the server
 * refuses is a toast sentence.
 */
class RecallEditReplyTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService leo;
    private ChatService roy;

    @AfterEach
    void stop() {
        if (leo != null) {
            fx.run(leo::close);
        }
        if (roy != null) {
            fx.run(roy::close);
        }
        server.close();
    }

    private ChatService signedIn(String user) throws Exception {
        ChatService service = server.service(fx);
        fx.get(() -> service.signIn(server.tokenSignIn(user))).get(10, TimeUnit.SECONDS);
        return service;
    }

    private static Optional<MessageItem> find(DirectFx fx, ChatService service, String text) {
        return fx.get(() -> service.getMessages().stream().filter(m -> m.text().equals(text)).findFirst());
    }

    private MessageItem sentByLeo(String text) {
        fx.run(() -> leo.send(text));
        fx.await("“" + text + "” stored", () -> find(fx, leo, text).filter(m -> !m.serverId().isEmpty()).isPresent());
        return find(fx, leo, text).orElseThrow();
    }

    @Test
    void aRecallAndAnEditAreSeenByThePeerLiveAndAfterARestart() throws Exception {
        server = TestServer.start();
        leo = signedIn("leo");
        roy = signedIn("roy");
        ConversationId withRoy = ConversationId.single("roy");
        ConversationId withLeo = ConversationId.single("leo");
        fx.run(() -> leo.openConversation(withRoy));
        MessageItem typo = sentByLeo("see you at 8");
        MessageItem oops = sentByLeo("wrong chat, sorry");
        fx.run(() -> roy.openConversation(withLeo));
        fx.await("roy has both", () -> find(fx, roy, "see you at 8").isPresent()
                && find(fx, roy, "wrong chat, sorry").isPresent(), () -> List.copyOf(roy.getMessages()));

        assertThat(fx.get(() -> leo.actions().canEdit(typo))).isTrue();
        assertThat(fx.get(() -> leo.actions().canRecall(oops))).isTrue();
        assertThat(fx.get(() -> roy.actions().canRecall(find(fx, roy, "see you at 8").orElseThrow())))
                .as("not roy's to recall").isFalse();
        assertThat(fx.get(() -> leo.actions().edit(typo, "see you at 9")).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fx.get(() -> leo.actions().recall(oops)).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(find(fx, leo, "see you at 9")).get().extracting(MessageItem::edited).isEqualTo(true);

        fx.await("roy sees the edit and the recall live", () -> roy.getMessages().stream().map(this::shown).toList()
                .equals(List.of("see you at 9 (edited)", MessageContent.Recalled.WORDS)),
                () -> List.copyOf(roy.getMessages()));
        fx.await("roy's list shows the recall", () -> roy.getConversations().getFirst().preview()
                .equals(MessageContent.Recalled.WORDS));

        fx.run(roy::close);
        roy = signedIn("roy");
        fx.run(() -> roy.openConversation(withLeo));
        fx.await("the history says the same after a restart", () -> !roy.isSyncing() && roy.getMessages().stream()
                .map(this::shown).toList().equals(List.of("see you at 9 (edited)", MessageContent.Recalled.WORDS)),
                () -> List.copyOf(roy.getMessages()));
        assertThat(fx.get(() -> roy.getMessages().getLast().isRecalled())).isTrue();
    }

    private String shown(MessageItem m) {
        return m.text() + (m.edited() ? " (edited)" : "");
    }

    @Test
    void aReplyQuotesItsOriginalWhichIsFoundBeyondThePageShown() throws Exception {
        server = TestServer.start();
        leo = signedIn("leo");
        TestServer.Peer royDevice = server.peer("roy");
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        MessageItem original = sentByLeo("the original question");
        for (int i = 1; i <= 60; i++) {
            royDevice.send("leo", "chatter " + i);
        }
        fx.await("the chatter arrived", () -> find(fx, leo, "chatter 60").isPresent());
        assertThat(fx.get(() -> leo.actions().reply("the answer to my own question", original))).isTrue();
        dev.parley.client.ReceivedMessage atRoy = royDevice.nextReceived();
        for (int i = 0; i < 60 && !atRoy.text().orElse("").equals("the answer to my own question"); i++) {
            atRoy = royDevice.nextReceived();
        }
        assertThat(atRoy.ext().getJsonObject("msgQuote").getString("msgID")).isEqualTo(original.serverId());
        assertThat(atRoy.ext().getJsonObject("msgQuote").getString("msgPreview")).isEqualTo("the original question");
        fx.await("the reply stored", () -> find(fx, leo, "the answer to my own question")
                .filter(m -> !m.serverId().isEmpty()).isPresent());
        fx.run(leo::close);

        roy = signedIn("roy");
        fx.run(() -> roy.openConversation(ConversationId.single("leo")));
        fx.await("the newest page", () -> !roy.isSyncing() && roy.getMessages().size() == HistoryPager.PAGE_SIZE);
        MessageItem reply = find(fx, roy, "the answer to my own question").orElseThrow();
        assertThat(reply.quote().isPresent()).isTrue();
        assertThat(reply.quote().preview()).isEqualTo("the original question");
        assertThat(reply.quote().sender()).isEqualTo("leo");
        assertThat(find(fx, roy, "the original question")).as("older than the page shown").isEmpty();

        Optional<MessageItem> found = fx.get(() -> roy.actions().reveal(reply.quote().messageId()))
                .get(10, TimeUnit.SECONDS);
        assertThat(found).get().extracting(MessageItem::text).isEqualTo("the original question");
        assertThat(fx.get(() -> roy.getMessages().contains(found.get()))).as("paged in").isTrue();
        leo = null;
    }

    @Test
    void aRecallTheServerRefusesIsToldInASentence() throws Exception {
        server = TestServer.start(config -> config.recallWindow(Duration.ofMillis(1)));
        leo = signedIn("leo");
        server.peer("roy");
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        MessageItem late = sentByLeo("too late to take back");
        assertThat(fx.get(() -> leo.actions().recall(late)).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(fx.get(() -> leo.getToasts().stream().map(Toast::text).toList()))
                .contains("Recall: It is too late to recall that message (the server allows it for a short while "
                        + "only).");
        assertThat(find(fx, leo, "too late to take back")).as("still there").isPresent();
    }
}
