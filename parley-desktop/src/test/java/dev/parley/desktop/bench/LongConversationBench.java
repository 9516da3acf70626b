package dev.parley.desktop.bench;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.SeededHistory;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.view.AppWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Benchmark, not a test (its name keeps it out of {@code verify}; run it with {@code bench/run desktop}): long
 * conversations seeded straight into the server's database ({@link SeededHistory}). The memory of a window that
 * has shown a 10,000-message conversation scrolled through (RSS and heap of this process, which also runs the
 * server); then a 100,000-message conversation: the time to open it, the FX thread's frame intervals while the reader
 * scrolls up through it paging older history in, and the time from choosing a search result about 50,000 messages
 * back (Enter) to it being shown selected. It prints figures and asserts only that what it waited for came.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LongConversationBench {
    private static final int LONG = 100_000;
    private static final int MEDIUM = 10_000;
    /** How far the reader scrolls up the long conversation: this many messages paged in. */
    private static final int SCROLLED = Integer.getInteger("bench.scrolled", 5_000);
    private static final int JUMPS = 7;

    private TestServer server;
    private AppWindow leo;

    @Start
    void start(Stage stage) {
        server = TestServer.start(config -> config.rateLimit(1e6, 1_000_000).frameRate(1e6, 1_000_000));
        server.register("leo", "Leo");
        server.register("roy", "Roy Smith");
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    @Test
    @Order(1)
    void memoryOfAWindowThatShowedA10000MessageConversation(FxRobot robot) throws Exception {
        SeededHistory.seed(server, "roy", "leo", MEDIUM, "message ", " of a long conversation, a usual chat line");
        long rssBefore = rssKb();
        leo.signInDirectly(server.tokenSignIn("leo"));
        ListView<MessageItem> list = open(robot, MEDIUM);
        FrameTimes frames = scrollUp(list, MEDIUM, 300);
        assertThat(onFx(() -> list.getItems().size())).isEqualTo(MEDIUM);
        scrollDown(robot, list);
        long heap = ConversationBench.heapAfterGc();
        long committed = Runtime.getRuntime().totalMemory();
        long rss = rssKb();
        System.out.printf(Locale.ROOT, "desktop: memory, a window that showed a %,d-message conversation scrolled "
                        + "through (all paged in by scrolling; this process also runs the server): RSS %.0f MB "
                        + "(%.0f MB before signing in), heap %.1f MB used after GC, %.0f MB committed; target RSS "
                        + "<= 250 MB%n",
                MEDIUM, rss / 1024.0, rssBefore / 1024.0, heap / 1e6, committed / 1e6);
        System.out.printf(Locale.ROOT, "desktop: scrolling up the %,d-message conversation: %s%n", MEDIUM, frames);
    }

    @Test
    @Order(2)
    void a100000MessageConversationOpensScrollsAndJumps(FxRobot robot) throws Exception {
        long s0 = System.nanoTime();
        long first = SeededHistory.seed(server, "roy", "leo", LONG, "chatter ", " of the day");
        long seeded = System.nanoTime() - s0;
        // the server's search index follows the database: the first search brings it up to date (not measured)
        long i0 = System.nanoTime();
        assertThat(TestServer.join(server.peer("leo").client().chatManager().searchMessages("50000", 5)))
                .hasSize(1);
        long indexed = System.nanoTime() - i0;
        leo.signInDirectly(server.tokenSignIn("leo"));

        long t0 = System.nanoTime();
        ListView<MessageItem> list = open(robot, LONG);
        long opened = System.nanoTime() - t0;

        FrameTimes frames = scrollUp(list, SCROLLED, 240);

        long[] jumps = new long[JUMPS];
        for (int run = 0; run < JUMPS; run++) {
            int wanted = LONG / 2 - run * 300; // 50,000 messages back and a little more
            jumps[run] = searchAndChoose(robot, list, Integer.toString(wanted), Long.toString(first + wanted - 1));
            shortcut(robot, KeyCode.END); // Jump to latest: the next result is not paged in either
            awaitFx("the newest page again", () -> !list.getItems().isEmpty() && list.getItems().getLast().text()
                    .equals("chatter " + LONG + " of the day") && !leo.service().timeline().isDetached());
        }
        long[] sorted = jumps.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "desktop: conversation of %,d messages (seeded into the server's database in "
                        + "%.1f s, its search index caught up in %.1f s): newest page shown %.0f ms after opening it%n",
                LONG, seeded / 1e9, indexed / 1e9, opened / 1e6);
        System.out.printf(Locale.ROOT, "desktop: scrolling up the %,d-message conversation, %,d messages paged in: "
                + "%s%n", LONG, SCROLLED, frames);
        System.out.printf(Locale.ROOT, "desktop: search result about 50,000 messages back, Enter to shown selected: "
                        + "median %.0f ms, min %.0f, max %.0f over %d jumps (target < 200 ms)%n",
                sorted[JUMPS / 2] / 1e6, sorted[0] / 1e6, sorted[JUMPS - 1] / 1e6, JUMPS);
    }

    private ListView<MessageItem> open(FxRobot robot, int count) {
        awaitFx("roy listed", () -> !leo.service().getConversations().isEmpty());
        onFx(() -> leo.service().openConversation(ConversationId.single("roy")));
        ListView<MessageItem> list = leo.node(robot, "#messagesList");
        awaitFx("the newest page shown", () -> !list.getItems().isEmpty()
                && list.getItems().getLast().text().startsWith((count == LONG ? "chatter " : "message ") + count + " "));
        return list;
    }

    /**
     * Scrolls up by {@code pixels} every frame (a fast wheel or a dragged scroll bar) until {@code messages} are paged
     * in, timing the FX thread's frames meanwhile.
     */
    private static FrameTimes scrollUp(ListView<MessageItem> list, int messages, double pixels) throws Exception {
        VirtualFlow<?> flow = (VirtualFlow<?>) onFx(() -> list.lookup(".virtual-flow"));
        List<Long> intervals = new ArrayList<>();
        CompletableFuture<Long> done = new CompletableFuture<>();
        long start = System.nanoTime();
        AnimationTimer timer = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (last >= 0) {
                    intervals.add(t - last);
                }
                last = t;
                if (list.getItems().size() >= messages) {
                    stop();
                    done.complete(t - start);
                } else {
                    flow.scrollPixels(-pixels);
                }
            }
        };
        onFx(() -> {
            timer.start();
            return null;
        });
        long elapsed = done.get(600, TimeUnit.SECONDS);
        return new FrameTimes(intervals, elapsed, messages);
    }

    private static void scrollDown(FxRobot robot, ListView<MessageItem> list) {
        VirtualFlow<?> flow = (VirtualFlow<?>) onFx(() -> list.lookup(".virtual-flow"));
        for (int step = 0; step < 10_000 && onFx(() -> flow.getPosition() < 1); step++) {
            robot.interact(() -> flow.scrollPixels(2_000));
        }
    }

    /** Searches for {@code query} (one result), presses Enter; the nanoseconds until that message is selected. */
    private long searchAndChoose(FxRobot robot, ListView<MessageItem> list, String query, String serverId)
            throws Exception {
        shortcut(robot, KeyCode.F);
        // all conversations: a search in one conversation of 100,000 messages takes the server over 10 s (its
        // full-text index is joined to that conversation's rows; see docs/benchmarks.md)
        robot.interact(() -> ((javafx.scene.control.ToggleButton) leo.node(robot, "#allConversationsToggle"))
                .setSelected(true));
        leo.type(robot, "#queryField", query);
        ListView<?> results = leo.node(robot, "#resultsList");
        awaitFx("one result for " + query, () -> results.getItems().size() == 1,
                () -> robot.from((Node) leo.node(robot, "#searchPanel")).lookup("#statusLabel")
                        .queryAs(javafx.scene.control.Label.class).getText() + " / "
                        + ((javafx.scene.control.TextField) leo.node(robot, "#queryField")).getText());
        CompletableFuture<Long> shown = new CompletableFuture<>();
        long[] pressed = new long[1];
        robot.interact(() -> {
            list.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
                if (item != null && item.serverId().equals(serverId) && !shown.isDone()) {
                    long selected = System.nanoTime();
                    new AnimationTimer() { // the next frame draws it
                        @Override
                        public void handle(long now) {
                            stop();
                            shown.complete(Math.max(selected, System.nanoTime()));
                        }
                    }.start();
                }
            });
            pressed[0] = System.nanoTime();
            fire(KeyCode.ENTER, false);
        });
        long at = shown.get(30, TimeUnit.SECONDS);
        assertThat(onFx(() -> leo.service().timeline().isDetached())).isTrue();
        return at - pressed[0];
    }

    private void shortcut(FxRobot robot, KeyCode key) {
        robot.interact(() -> fire(key, true));
    }

    private void fire(KeyCode key, boolean shortcut) {
        Node target = leo.stage().getScene().getFocusOwner();
        Event.fireEvent(target == null ? leo.window().root() : target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key,
                false, shortcut, false, false));
    }

    /** This process's resident set ({@code VmRSS} of /proc/self/status), in KB; -1 where there is none. */
    private static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
    }

    /** The intervals between the FX thread's frames while scrolling. */
    private record FrameTimes(List<Long> intervals, long elapsed, int messages) {
        @Override
        public String toString() {
            long[] sorted = intervals.stream().mapToLong(Long::longValue).sorted().toArray();
            long stalls = intervals.stream().filter(i -> i > 50_000_000L).count();
            return String.format(Locale.ROOT, "%.1f s, %d frames, interval median %.1f ms, p99 %.1f ms, max %.1f ms, "
                            + "%d over 50 ms", elapsed / 1e9, sorted.length, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, stalls);
        }
    }
}
