package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.cache.LocalCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox as the local cache keeps it, without a server: every kind of message the composer puts there (a
 * one-to-one text, a group text, a reply with its quote) comes back as it was written, in order, for its own user
 * only, and taking one out leaves the others where they stand; quitting the app right after writing loses nothing.
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

    @Test
    void quittingWhileTheDiskIsSlowKeepsEveryMessageWrittenEvenIfAListenerWaitsForTheQuittingThread()
            throws Exception {
        // A slow disk: the outbox's thread is busy until the app quits. The "FX thread" (DirectFx's lock) sends two
        // messages and quits in one turn, as a user pressing Enter and closing the window at once; the Sender's
        // listener of the first write needs that thread. It used to run on the writing thread and hold up the
        // second write until close() gave up after two seconds: the second message was lost.
        ExecutorService worker = Executors.newSingleThreadExecutor();
        CountDownLatch slowDisk = new CountDownLatch(1);
        worker.execute(() -> {
            try {
                slowDisk.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DirectFx fx = new DirectFx();
        FxBoundary boundary = new FxBoundary(fx);
        OutboxStore store = new CachedOutbox(profile, worker);
        OutboxEntry first = entry("leo", "l-1", ConversationId.single("roy"), "written offline", Quote.NONE, 1_000);
        OutboxEntry second = entry("leo", "l-2", ConversationId.single("roy"), "and this too", Quote.NONE, 1_001);
        boolean written = fx.get(() -> {
            boundary.whenDone(store.add(first), () -> true, (done, failure) -> { });
            boundary.whenDone(store.add(second), () -> true, (done, failure) -> { });
            slowDisk.countDown();
            store.close();
            return worker.isTerminated(); // everything asked before close() was done when it returned
        });

        assertThat(written).isTrue();
        try (LocalCache cache = LocalCache.open(profile, URL, APP_KEY, "leo")) {
            assertThat(cache.outbox()).extracting(m -> m.localId()).containsExactly("l-1", "l-2");
        }
    }
}
