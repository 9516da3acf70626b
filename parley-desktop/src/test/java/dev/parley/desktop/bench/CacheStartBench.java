package dev.parley.desktop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Conversation;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.cache.CachedConversation;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of {@code verify}; run it with {@code bench/run desktop}): the local
 * cache's part of an instant start. A cache of 10,000 messages over 50 conversations; the time to open it and read the
 * conversation list and the newest 50 messages of the top conversation, as a signed-in start does before the network
 * answers. It prints figures and asserts only that what was read is what was written.
 */
class CacheStartBench {
    private static final int CONVERSATIONS = 50;
    private static final int MESSAGES = 10_000;
    private static final int RUNS = 11;
    private static final String URL = "ws://127.0.0.1:8080/websocket";
    private static final String APP_KEY = "parley#bench";

    @Test
    void openACacheOf10000MessagesAndReadTheList() throws Exception {
        Path profile = Files.createTempDirectory("parley-cache-bench");
        long d0 = System.nanoTime();
        org.sqlite.SQLiteJDBCLoader.initialize(); // extracts the driver's native library and loads it
        long library = System.nanoTime() - d0;
        long e0 = System.nanoTime();
        LocalCache.open(profile, URL, APP_KEY, "nobody").close(); // the first open: a new file and its tables
        long empty = System.nanoTime() - e0;

        Instant t0 = Instant.parse("2026-12-07T09:00:00Z");
        List<ReceivedMessage> messages = new ArrayList<>(MESSAGES);
        List<Conversation> conversations = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String peer = "peer" + c;
            ReceivedMessage latest = null;
            for (int i = 0; i < MESSAGES / CONVERSATIONS; i++) {
                boolean mine = i % 3 == 0;
                latest = new ReceivedMessage("m-" + c + "-" + i, mine ? "leo" : peer, mine ? peer : "leo",
                        ChatType.SINGLE, new Content.Text("message " + i + " of a conversation with " + peer
                        + ", long enough to be a usual chat line"), t0.plusSeconds(i * 60L + c),
                        JsonObject.EMPTY_JSON_OBJECT, MessageState.READ, false);
                messages.add(latest);
            }
            conversations.add(new Conversation(ChatType.SINGLE, peer, "Peer " + c, latest, c % 4));
        }
        long f0 = System.nanoTime();
        Path file;
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            cache.putConversations(conversations);
            cache.putMessages(messages);
            file = cache.file();
        }
        long fill = System.nanoTime() - f0;
        long size = Files.size(file);

        long[] opened = new long[RUNS];
        long[] shown = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long s = System.nanoTime();
            try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
                opened[run] = System.nanoTime() - s;
                List<CachedConversation> list = cache.conversations();
                List<ReceivedMessage> newest = cache.recentMessages(list.getFirst().id(), 50);
                shown[run] = System.nanoTime() - s;
                assertThat(list).hasSize(CONVERSATIONS);
                assertThat(list.getFirst().id().id()).isEqualTo("peer" + (CONVERSATIONS - 1));
                assertThat(newest).hasSize(50).first().isEqualTo(conversations.getLast().latest());
            }
        }
        long[] sorted = shown.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "desktop: local cache of %,d messages in %d conversations (%.1f MB, written in "
                        + "%.0f ms): open, the list and the top conversation's newest 50 in %.1f ms the first time "
                        + "(open %.1f ms), median of %d %.1f ms; before that, loading SQLite's native library %.0f ms, "
                        + "creating an empty cache %.0f ms%n",
                MESSAGES, CONVERSATIONS, size / 1e6, fill / 1e6, shown[0] / 1e6, opened[0] / 1e6, RUNS,
                sorted[RUNS / 2] / 1e6, library / 1e6, empty / 1e6);
    }
}
