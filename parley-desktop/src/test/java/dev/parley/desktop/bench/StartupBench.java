package dev.parley.desktop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.Conversation;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.Notifier;
import dev.parley.desktop.service.OutboxStore;
import dev.parley.desktop.service.RemovalStore;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.view.MainWindow;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Benchmark, not a test (its name keeps it out of {@code verify}; run it with {@code bench/run startup}): the instant
 * start in the process. A profile holds a local cache of 10,000 messages in 50 conversations; each run makes the
 * app's {@link ChatService} and {@link MainWindow} on a new stage, signs in with a token to a server that accepts the
 * connection and never answers (so everything shown comes from the cache), and times, from the service's
 * construction on the FX thread: the window shown, the conversation list filled (50 rows), and the first frame after
 * that (a pulse's layout). The JVM's and JavaFX's own start are not in it (see {@code bench/startup}'s image figure);
 * SQLite's native library is loaded before the first run (filling the cache), {@code CacheStartBench} times that.
 */
@ExtendWith(ApplicationExtension.class)
class StartupBench {
    private static final int CONVERSATIONS = 50;
    private static final int MESSAGES = 10_000;
    private static final int RUNS = 7;
    private static final String APP_KEY = "parley#bench";

    /** The times of one run, in ns from the service's construction. */
    private record Run(long window, long list, long frame) {
    }

    @Test
    void fromConstructionToTheCachedListOnScreen() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepted, never answered
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String url = "ws://127.0.0.1:" + silent.getLocalPort() + "/websocket";
            Path profile = Files.createTempDirectory("parley-startup-bench");
            fill(profile, url);
            Run[] runs = new Run[RUNS];
            for (int i = 0; i < RUNS; i++) {
                runs[i] = run(profile, url);
            }
            long[] frames = Arrays.stream(runs).mapToLong(Run::frame).sorted().toArray();
            Run first = runs[0];
            System.out.printf(Locale.ROOT, "desktop: startup from a local cache of %,d messages in %d conversations, "
                            + "in the process (service and window made on the FX thread, the server not answering): "
                            + "the conversation list on screen in %.0f ms the first time (window shown %.0f ms, list "
                            + "filled %.0f ms, first frame after it %.0f ms); median of %d runs %.0f ms (min %.0f, "
                            + "max %.0f)%n",
                    MESSAGES, CONVERSATIONS, first.frame() / 1e6, first.window() / 1e6, first.list() / 1e6,
                    first.frame() / 1e6, RUNS, frames[RUNS / 2] / 1e6, frames[0] / 1e6, frames[RUNS - 1] / 1e6);
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing
                }
            });
        }
    }

    private static void fill(Path profile, String url) {
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
        try (LocalCache cache = LocalCache.open(profile, url, APP_KEY, "leo")) {
            cache.putConversations(conversations);
            cache.putMessages(messages);
        }
    }

    private static Run run(Path profile, String url) throws Exception {
        CompletableFuture<Run> result = new CompletableFuture<>();
        Path settingsDir = Files.createTempDirectory("parley-startup-settings");
        ChatService[] made = new ChatService[1];
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            ChatService service = new ChatService(Platform::runLater, UnaryOperator.identity(),
                    OutboxStore.inMemory(), Notifier.none(), RemovalStore.inMemory());
            made[0] = service;
            service.useLocalCache(profile);
            Settings settings = Settings.load(settingsDir);
            MainWindow window = new MainWindow(service, settings, new Appearance(settings, settings.theme()),
                    link -> { });
            stage[0] = new Stage();
            stage[0].setWidth(960);
            stage[0].setHeight(640);
            window.install(stage[0]);
            stage[0].show();
            long shown = System.nanoTime() - t0;
            service.getConversations().addListener((ListChangeListener<Object>) change -> {
                if (service.getConversations().size() == CONVERSATIONS && !result.isDone()) {
                    long filled = System.nanoTime() - t0;
                    Runnable[] once = new Runnable[1];
                    once[0] = () -> {
                        stage[0].getScene().removePostLayoutPulseListener(once[0]);
                        ListView<?> list = (ListView<?>) stage[0].getScene().lookup("#conversationsList");
                        assertThat(list.getItems()).hasSize(CONVERSATIONS);
                        assertThat(list.isVisible() && list.getScene() != null).isTrue();
                        result.complete(new Run(shown, filled, System.nanoTime() - t0));
                    };
                    stage[0].getScene().addPostLayoutPulseListener(once[0]);
                    Platform.requestNextPulse();
                }
            });
            service.signIn(new SignInRequest(url, APP_KEY, "leo", SignInMethod.TOKEN, "never-checked"));
        });
        Run run = result.get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            made[0].close();
            stage[0].close();
            closed.complete(null);
        });
        closed.get(10, TimeUnit.SECONDS);
        return run;
    }
}
