package dev.parley.desktop.cache;

import static dev.parley.desktop.cache.CacheFixtures.APP_KEY;
import static dev.parley.desktop.cache.CacheFixtures.T0;
import static dev.parley.desktop.cache.CacheFixtures.URL;
import static dev.parley.desktop.cache.CacheFixtures.conversation;
import static dev.parley.desktop.cache.CacheFixtures.custom;
import static dev.parley.desktop.cache.CacheFixtures.file;
import static dev.parley.desktop.cache.CacheFixtures.fromRoy;
import static dev.parley.desktop.cache.CacheFixtures.image;
import static dev.parley.desktop.cache.CacheFixtures.message;
import static dev.parley.desktop.cache.CacheFixtures.replyExt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cache as a store: every content type read back exactly, after closing and opening again; history newest
 * first and paged with cursors; writing again changes nothing; recall and edit applied and kept; pruning; the outbox's
 * order.
 */
class LocalCacheTest {
    private static final ConversationId ROY = ConversationId.single("roy");

    @TempDir
    Path profile;
    private LocalCache cache;

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private LocalCache open() {
        cache = LocalCache.open(profile, URL, APP_KEY, "leo", 20);
        return cache;
    }

    private LocalCache reopen() {
        cache.close();
        return open();
    }

    @Test
    void everyContentTypeReadsBackEqualAfterReopening() {
        List<ReceivedMessage> sent = new ArrayList<>(List.of(
                fromRoy("m1", 1, "hello, 你好 👋🏽\nsecond line"),
                message("m2", "roy", "leo", ChatType.SINGLE, 2, image()),
                message("m3", "leo", "roy", ChatType.SINGLE, 3, file()),
                message("m4", "roy", "leo", ChatType.SINGLE, 4, custom()),
                message("m5", "roy", "leo", ChatType.SINGLE, 5, new Content.Recalled("img")),
                message("m6", "roy", "leo", ChatType.SINGLE, 6, new Content.Recalled("custom")),
                message("m7", "roy", "leo", ChatType.SINGLE, 7, new Content.Custom("ping", java.util.Map.of()))));
        ReceivedMessage reply = fromRoy("m8", 8, "a reply");
        sent.add(new ReceivedMessage("m8", "roy", "leo", ChatType.SINGLE, reply.content(), reply.time(), replyExt(),
                MessageState.READ, false));
        sent.add(fromRoy("m9", 9, "typo").withEdit("fixed"));
        open().putMessages(sent);

        List<ReceivedMessage> back = reopen().recentMessages(ROY, 50);

        assertThat(back).containsExactlyElementsOf(sent.reversed());
        assertThat(back.getFirst().edited()).isTrue();
        assertThat(back.get(1).ext()).isEqualTo(replyExt());
        assertThat(((Content.Image) back.get(7).content()).file().secret()).isEqualTo("s3cret");
    }

    @Test
    void peoplesNamesAreKeptByUserIdAndALaterNameReplacesTheEarlier() {
        open().putName("Roy", "Roy Smith");
        cache.putName("amy", "Amy");
        cache.putName("amy", "Amy Lee");

        assertThat(reopen().names()).isEqualTo(java.util.Map.of("roy", "Roy Smith", "amy", "Amy Lee"));
    }

    @Test
    void groupMessagesBelongToTheGroupAndOwnMessagesToThePeer() {
        ReceivedMessage inGroup = message("g1", "roy", "team", ChatType.GROUP, 1, new Content.Text("hi all"));
        ReceivedMessage mine = message("s1", "LEO", "roy", ChatType.SINGLE, 2, new Content.Text("mine"));
        open().putMessages(List.of(inGroup, mine));

        assertThat(cache.recentMessages(ConversationId.group("team"), 10)).containsExactly(inGroup);
        assertThat(cache.recentMessages(ROY, 10)).containsExactly(mine);
        assertThat(cache.recentMessages(ConversationId.single("team"), 10)).isEmpty();
    }

    @Test
    void historyIsNewestFirstAndPagesWithCursors() {
        List<ReceivedMessage> all = IntStream.rangeClosed(1, 12).mapToObj(i -> fromRoy("m" + (100 + i), i, "n" + i))
                .toList();
        // Two at the same second: ordered by id. Written out of order.
        ReceivedMessage twin = fromRoy("m112a", 12, "twin of 12");
        open().putMessages(List.of(all.get(5), twin));
        cache.putMessages(all.reversed());

        List<ReceivedMessage> page1 = cache.recentMessages(ROY, 5);
        assertThat(page1).extracting(ReceivedMessage::id).containsExactly("m112a", "m112", "m111", "m110", "m109");
        List<ReceivedMessage> page2 = cache.olderThan(ROY, page1.getLast().id(), 5);
        assertThat(page2).extracting(ReceivedMessage::id).containsExactly("m108", "m107", "m106", "m105", "m104");
        List<ReceivedMessage> page3 = cache.olderThan(ROY, page2.getLast().id(), 5);
        assertThat(page3).extracting(ReceivedMessage::id).containsExactly("m103", "m102", "m101");
        assertThat(cache.olderThan(ROY, "m101", 5)).isEmpty();
        assertThat(cache.olderThan(ROY, "not-cached", 5)).isEmpty();
        assertThat(cache.olderThan(ConversationId.single("amy"), "m110", 5)).as("another conversation's cursor")
                .isEmpty();
    }

    @Test
    void writingAgainIsIdempotentAndKeepsRecallEditAndState() {
        ReceivedMessage a = fromRoy("a", 1, "first");
        ReceivedMessage b = fromRoy("b", 2, "second");
        ReceivedMessage c = fromRoy("c", 3, "third");
        open().putMessages(List.of(a, b, c));
        cache.putMessages(List.of(a, b, c));
        assertThat(cache.recentMessages(ROY, 10)).containsExactly(c, b, a);

        assertThat(cache.recall("a")).isTrue();
        assertThat(cache.edit("b", "second, edited", T0.plusSeconds(60))).isTrue();
        ReceivedMessage cRead = new ReceivedMessage("c", "roy", "leo", ChatType.SINGLE, c.content(), c.time(), c.ext(),
                MessageState.READ, false);
        cache.putMessages(List.of(cRead));
        // A late copy of each, as a history page fetched before the recall and edit would bring it.
        cache.putMessages(List.of(a, b, c));

        assertThat(reopen().recentMessages(ROY, 10)).containsExactly(cRead, b.withEdit("second, edited"),
                a.withRecall());
    }

    @Test
    void recallAndEditReachTheConversationListAndOlderEditsAreIgnored() {
        ReceivedMessage latest = fromRoy("z", 9, "see you");
        open().putConversations(List.of(conversation("roy", "Roy", latest, 1)));
        cache.putMessages(List.of(latest));

        assertThat(cache.edit("z", "see you soon", T0.plusSeconds(100))).isTrue();
        assertThat(cache.edit("z", "an older edit", T0.plusSeconds(50))).isFalse();
        assertThat(cache.conversations().getFirst().conversation().latest()).isEqualTo(latest.withEdit("see you soon"));
        assertThat(cache.recentMessages(ROY, 1)).containsExactly(latest.withEdit("see you soon"));

        assertThat(cache.recall("z")).isTrue();
        assertThat(cache.edit("z", "after the recall", T0.plusSeconds(200))).isFalse();
        assertThat(reopen().conversations().getFirst().conversation().latest().isRecalled()).isTrue();
        assertThat(cache.recentMessages(ROY, 1).getFirst().isRecalled()).isTrue();
        assertThat(cache.recall("never-seen")).isFalse();
    }

    @Test
    void conversationsKeepTheirFlagsAndTheNewestMessage() {
        ReceivedMessage old = fromRoy("r1", 1, "old");
        ReceivedMessage amyLatest = message("a1", "amy", "leo", ChatType.SINGLE, 5, new Content.Text("from amy"));
        open().putConversations(List.of(conversation("roy", "Roy", old, 2), conversation("amy", "Amy", amyLatest, 0)));
        assertThat(cache.conversations()).extracting(CachedConversation::id)
                .containsExactly(ConversationId.single("amy"), ROY);

        ReceivedMessage live = fromRoy("r2", 10, "live, after the list was fetched");
        cache.putMessages(List.of(live));
        assertThat(cache.setPinned(ConversationId.single("amy"), true)).isTrue();
        assertThat(cache.setMuted(ROY, true)).isTrue();
        assertThat(cache.setMuted(ConversationId.single("nobody"), true)).isFalse();
        cache.putConversations(List.of(conversation("roy", "Roy Smith", old, 3))); // a stale list

        List<CachedConversation> list = reopen().conversations();
        assertThat(list).extracting(CachedConversation::id).containsExactly(ConversationId.single("amy"), ROY);
        assertThat(list.getFirst().pinned()).isTrue();
        CachedConversation roy = list.get(1);
        assertThat(roy.muted()).isTrue();
        assertThat(roy.conversation().name()).isEqualTo("Roy Smith");
        assertThat(roy.conversation().unreadCount()).isEqualTo(3);
        assertThat(roy.conversation().latest()).isEqualTo(live);

        cache.removeConversation(ROY);
        assertThat(cache.conversations()).extracting(CachedConversation::id)
                .containsExactly(ConversationId.single("amy"));
        assertThat(cache.recentMessages(ROY, 10)).isEmpty();
    }

    @Test
    void pruningKeepsTheNewestOfEachConversation() {
        open(); // a history limit of 20
        List<ReceivedMessage> many = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> fromRoy("m" + String.format("%03d", i), i, "n" + i)).toList();
        cache.putMessages(many.subList(0, 30));
        cache.putMessages(many.subList(30, 50));
        ReceivedMessage amy = message("a1", "amy", "leo", ChatType.SINGLE, 1, new Content.Text("untouched"));
        cache.putMessages(List.of(amy));

        assertThat(cache.recentMessages(ROY, 100)).containsExactlyElementsOf(many.subList(30, 50).reversed());
        assertThat(cache.recentMessages(ConversationId.single("amy"), 100)).containsExactly(amy);
        cache.putMessages(List.of(many.getFirst())); // an old one fetched again is pruned at once
        assertThat(cache.recentMessages(ROY, 100)).hasSize(20).doesNotContain(many.getFirst());
    }

    @Test
    void theOutboxKeepsTheOrderWrittenAndEveryBody() {
        OutboxMessage text = new OutboxMessage(ChatMessage.createTextSendMessage("roy", "first")
                .withExt(replyExt()), T0);
        OutboxMessage upload = new OutboxMessage(new ChatMessage("local-2", "team", ChatType.GROUP,
                new MessageBody.LocalFile("img", Path.of("/home/leo/Pictures/cat 🐱.png"), "cat 🐱.png", "image/png",
                        640, 480), jakarta.json.JsonObject.EMPTY_JSON_OBJECT), T0.plusMillis(1));
        OutboxMessage forward = new OutboxMessage(ChatMessage.create("amy", file()), T0.plusMillis(2));
        OutboxMessage event = new OutboxMessage(ChatMessage.create("roy", custom()), T0.plusMillis(3));
        open().addToOutbox(text);
        cache.addToOutbox(upload);
        cache.addToOutbox(forward);
        cache.addToOutbox(event);
        cache.addToOutbox(text); // again: stays first

        assertThat(reopen().outbox()).containsExactly(text, upload, forward, event);
        assertThat(cache.outbox().get(1).conversation()).isEqualTo(ConversationId.group("team"));
        assertThat(cache.removeFromOutbox(forward.localId())).isTrue();
        assertThat(cache.removeFromOutbox(forward.localId())).isFalse();
        assertThat(reopen().outbox()).containsExactly(text, upload, event);
    }

    @Test
    void aClosedCacheRefusesCalls() {
        open().close();
        assertThatThrownBy(() -> cache.conversations()).isInstanceOf(IllegalStateException.class);
        cache.close(); // again: nothing
    }
}
