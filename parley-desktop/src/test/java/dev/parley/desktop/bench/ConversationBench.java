package dev.parley.desktop.bench;

import static dev.parley.desktop.view.AppWindow.awaitFx;
import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.client.SendReceipt;
import dev.parley.client.TextMessage;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.view.AppWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Benchmark, not a test (its name keeps it out of {@code verify}; run it with {@code bench/run desktop}): the time to
 * show a conversation of 10,000 messages, to page all of it in from the server, to scroll through it, and the heap
 * after loading it. It prints figures and asserts only that all the messages arrived.
 */
@ExtendWith(ApplicationExtension.class)
class ConversationBench {
    private static final int MESSAGES = 10_000;

    private TestServer server;
    private AppWindow leo;

    @Start
    void start(Stage stage) {
        server = TestServer.start(config -> config.rateLimit(1e6, 1_000_000).frameRate(1e6, 1_000_000));
        leo = AppWindow.show(stage, server, 0, 0, 960, 640);
    }

    @AfterEach
    void stop() {
        leo.close();
        server.close();
    }

    @Test
    void showAConversationOf10000Messages(FxRobot robot) throws Exception {
        var leoDevice = server.peer("leo"); // acknowledges every message, so they become history, not pending
        var roy = server.peer("roy");
        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            sends.add(roy.client().send(TextMessage.create("leo", "message " + i + " of a long conversation")));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        while (!leoDevice.nextMessage().msg().startsWith("message " + MESSAGES + " ")) {
            // drain until the last one has arrived at leo's other device
        }
        leoDevice.client().close();

        long heapBefore = heapAfterGc();
        leo.signInDirectly(server.tokenSignIn("leo"));
        awaitFx("roy in the list", () -> !leo.service().getConversations().isEmpty());

        long t0 = System.nanoTime();
        onFx(() -> leo.service().openConversation(ConversationId.single("roy")));
        ListView<MessageItem> list = leo.node(robot, "#messagesList");
        awaitFx("the newest page shown", () -> !list.getItems().isEmpty()
                && list.getItems().getLast().text().startsWith("message " + MESSAGES + " "));
        long firstPage = System.nanoTime() - t0;

        long t1 = System.nanoTime();
        while (onFx(() -> list.getItems().size()) < MESSAGES) {
            int before = onFx(() -> list.getItems().size());
            onFx(() -> {
                leo.service().timeline().loadOlder();
                return null;
            });
            awaitFx("an older page", () -> list.getItems().size() > before
                    || !leo.service().olderAvailableProperty().get(), () -> list.getItems().size() + " loading "
                    + leo.service().loadingOlderProperty().get() + " detached "
                    + leo.service().timeline().isDetached() + " " + leo.service().getToasts());
        }
        long allPages = System.nanoTime() - t1;
        assertThat(onFx(() -> list.getItems().size())).isEqualTo(MESSAGES);
        long heapAfter = heapAfterGc();

        long[] scroll = new long[1];
        int steps = 200;
        onFx(() -> {
            long s = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                list.scrollTo(i * (MESSAGES / steps));
                list.layout();
            }
            scroll[0] = System.nanoTime() - s;
            return null;
        });

        System.out.printf(Locale.ROOT, "desktop: conversation of %,d messages: newest page shown in %.0f ms; all pages "
                        + "in from the server in %.0f ms; %d jumps through it at %.2f ms each; heap %.1f MB before, "
                        + "%.1f MB after loading it (%.2f KB per message)%n",
                MESSAGES, firstPage / 1e6, allPages / 1e6, steps, scroll[0] / 1e6 / steps, heapBefore / 1e6,
                heapAfter / 1e6, (heapAfter - heapBefore) / 1024.0 / MESSAGES);
    }

    static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
