package dev.parley.server.store;

import static dev.parley.server.store.StoreFixtures.messages;
import static dev.parley.server.store.StoreFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.protocol.ChatType;
import dev.parley.server.store.MessageStore.ConversationSummary;
import dev.parley.server.store.StoredMessage.DeliveryState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir written by the release before protocol v2 (see {@code v1-datadir/README.md}) opens with the current
 * store, and everything in it reads as it did: users, conversations with their unread counts, pending messages, history
 * with states and extension fields; new messages go on counting, and the v2 features work on it.
 */
class ReleasedDataDirTest {
    @TempDir
    Path dir;

    private MessageStore open() throws IOException {
        try (InputStream db = getClass().getResourceAsStream("v1-datadir/parley.db")) {
            Files.copy(db, dir.resolve("parley.db"));
        }
        return Stores.openSqlite(dir);
    }

    @Test
    void aVersion1DataDirReadsAsItDidAndGoesOn() throws IOException {
        try (MessageStore store = open()) {
            assertThat(store.findUser("carol")).hasValueSatisfying(u -> assertThat(u.nickname()).isEqualTo("卡罗尔"));
            assertThat(store.conversations("alice", 10))
                    .extracting(ConversationSummary::peer, c -> c.lastMessage().body(), ConversationSummary::unreadCount)
                    .containsExactly(tuple("carol", "你好 Alice 🎉 见面吗？", 1), tuple("bob", "are you there?", 2));
            assertThat(store.conversations("bob", 10)).extracting(ConversationSummary::unreadCount)
                    .containsExactly(2);
            assertThat(messages(store.pendingFor("bob", 10))).extracting(StoredMessage::localId).containsExactly("a3");
            assertThat(messages(store.pendingFor("alice", 10))).extracting(StoredMessage::localId)
                    .containsExactly("b1", "b2", "c1");

            List<StoredMessage> history = store.history("bob", "alice", Optional.empty(), 10);
            assertThat(history).extracting(StoredMessage::localId).containsExactly("b2", "b1", "a3", "a2", "a1");
            assertThat(history).filteredOn(m -> m.sender().equals("alice"))
                    .extracting(StoredMessage::localId, StoredMessage::state, StoredMessage::ext)
                    .containsExactly(tuple("a3", DeliveryState.PENDING, "{}"),
                            tuple("a2", DeliveryState.DELIVERED, "{\"color\":\"red\"}"),
                            tuple("a1", DeliveryState.READ, "{}"));
            assertThat(history).allSatisfy(m -> assertThat(m.chatType()).isEqualTo(ChatType.SINGLE));

            StoredMessage next = send(store, "alice", "a4", "bob", "a new one");
            assertThat(next.seq()).as("after the five of the conversation").isEqualTo(6);
            assertThat(next.id()).isGreaterThan(history.getFirst().id());
            assertThat(store.search("alice", SearchQuery.parse("见面").orElseThrow(), Optional.empty(), 5))
                    .extracting(StoredMessage::localId).containsExactly("c1");
            assertThat(store.search("bob", SearchQuery.parse("pending").orElseThrow(), Optional.empty(), 5))
                    .extracting(StoredMessage::localId).containsExactly("a3");
        }
    }
}
