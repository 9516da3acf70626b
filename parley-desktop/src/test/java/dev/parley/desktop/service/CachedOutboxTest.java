package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox as the local cache keeps it, without a server: every kind of message the composer puts there (a
 * one-to-one text, a group text, a reply with its quote) comes back as it was written, in order, for its own user
 * only, and taking one out leaves the others where they stand.
 */
class CachedOutboxTest {
    private static final String URL = "ws://127.0.0.1:1/websocket";
    private static final String APP_KEY = "org#app";

    @TempDir
    Path profile;

    private static OutboxEntry entry(String user, String localId, ConversationId to, String text, Quote quote,
                                     long time) {
        return new OutboxEntry(URL, APP_KEY, user, localId, to, text, quote, Instant.ofEpochMilli(time));
    }

    private static SignInRequest signIn(String user) {
        return new SignInRequest(URL, APP_KEY, user, SignInMethod.TOKEN, "token");
    }

    @Test
    void oneToOneGroupAndReplyMessagesComeBackAfterARestartInOrderForTheirUserOnly() throws Exception {
        Quote quote = new Quote("m-41", "what time?", "roy", "txt");
        List<OutboxEntry> written = List.of(
                entry("leo", "l-1", ConversationId.single("roy"), "to roy", Quote.NONE, 1_000),
                entry("leo", "l-2", ConversationId.group("g-7"), "to the group", Quote.NONE, 2_000),
                entry("leo", "l-3", ConversationId.single("roy"), "at eight", quote, 3_000));
        try (OutboxStore store = OutboxStore.inDirectory(profile)) {
            for (OutboxEntry e : written) {
                store.add(e).get(5, TimeUnit.SECONDS);
            }
            store.add(entry("amy", "a-1", ConversationId.single("roy"), "amy's", Quote.NONE, 1_500))
                    .get(5, TimeUnit.SECONDS);
        }

        try (OutboxStore again = OutboxStore.inDirectory(profile)) {
            assertThat(again.load(signIn("Leo")).get(5, TimeUnit.SECONDS)).containsExactlyElementsOf(written);
            again.remove(written.get(1)).get(5, TimeUnit.SECONDS);
            again.add(written.get(0)).get(5, TimeUnit.SECONDS); // sent again: the same local id, where it stood
            assertThat(again.load(signIn("leo")).get(5, TimeUnit.SECONDS))
                    .containsExactly(written.get(0), written.get(2));
            assertThat(again.load(signIn("amy")).get(5, TimeUnit.SECONDS)).extracting(OutboxEntry::text)
                    .containsExactly("amy's");
        }
    }
}
