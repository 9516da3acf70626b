package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages with a file in the outbox, on a fake WebSocket transport with uploads to a local HTTP server: uploaded,
 * then sent with the attachment; kept across a reconnect; an interrupted upload started over; sent exactly once.
 */
class OutboxAttachmentsTest {
    private static final String FILES = "/parley/test/chatfiles";
    private static final String UPLOADED =
            "{\"entities\":[{\"uuid\":\"u-1\",\"type\":\"chatfile\",\"share-secret\":\"sec\"}]}";
    private static final ReconnectPolicy FAST = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(20));

    @TempDir
    Path dir;
    private HttpStub stub;
    private final FakeTransport transport = new FakeTransport();
    private final RecordingHandler events = new RecordingHandler();
    private ChatClient client;
    private FakeLink link;
    private Path image;

    @BeforeEach
    void start() throws IOException {
        stub = new HttpStub();
        client = ChatClient.create(ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .apiUrl(stub.url()).reconnectPolicy(FAST).build(), transport);
        client.addEventHandler("recorder", events);
        image = Files.write(dir.resolve("cat.png"), new byte[200_000]);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private void logIn() {
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
    }

    private ChatMessage catPicture() {
        return ChatMessage.createImageSendMessage("100", image).withChatType(ChatType.GROUP).withImageSize(640, 480);
    }

    /** No frame but the marker's read receipt follows on {@code on}: nothing else was sent. */
    private void assertNothingMoreSent(FakeLink on) {
        await(client.markRead("marker"));
        assertThat(on.expect(Frame.ClientFrame.class)).isEqualTo(new Frame.Read("marker"));
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable failure = future.handle((v, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(failure).isNotNull();
        return failure instanceof CompletionException c ? c.getCause() : failure;
    }

    @Test
    void anImageIsUploadedWithProgressThenSentWithItsAttachment() {
        stub.json("POST", FILES, 200, UPLOADED);
        logIn();
        ChatMessage message = catPicture();
        List<Long> progress = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CompletableFuture<SendReceipt> sent = client.send(message, (done, total) -> {
            progress.add(done);
            threads.add(Thread.currentThread().getName());
        });

        Frame.Send frame = link.expect(Frame.Send.class);
        assertThat(frame.localId()).isEqualTo(message.localId());
        assertThat(frame.to()).isEqualTo("100");
        assertThat(frame.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(frame.content()).isEqualTo(new Content.Image(
                Attachment.of("u-1", "sec", "cat.png", 200_000, "image/png").withSize(640, 480)));
        assertThat(stub.next().header("Authorization")).isEqualTo("Bearer 007token");

        link.push(new Frame.Receipt(message.localId(), "s-1", 1));
        assertThat(await(sent).serverId()).isEqualTo("s-1");
        assertThat(progress).isNotEmpty().last().isEqualTo(200_000L);
        assertThat(threads).allMatch(name -> name.startsWith("parley-events-"));
    }

    @Test
    void anUploadCutOffByADisconnectStartsOverAfterTheReconnectAndTheMessageIsSentOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch cut = new CountDownLatch(1);
        stub.on("POST", FILES, exchange -> {
            InputStream in = exchange.getRequestBody();
            try {
                if (attempts.incrementAndGet() == 1) {
                    in.readNBytes(32 * 1024);
                    firstStarted.countDown();
                    cut.await(10, TimeUnit.SECONDS);
                    throw new IOException("the network went away"); // the server closes the connection, no answer
                }
                in.readAllBytes();
                HttpStub.respond(exchange, 200, UPLOADED);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                stub.record(exchange, new byte[0]);
            }
        });
        logIn();
        ChatMessage message = catPicture();
        CompletableFuture<SendReceipt> sent = client.send(message);
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        FakeLink first = link;
        first.drop();
        events.await("state:RECONNECTING");
        FakeLink second = transport.nextLink(); // the reconnect attempt, not answered yet
        cut.countDown();
        stub.next(); // the first upload ended without an answer
        second.acceptLogin("leo");

        Frame.Send frame = second.expect(Frame.Send.class);
        assertThat(frame.localId()).isEqualTo(message.localId());
        assertThat(((Content.Image) frame.content()).file().uuid()).isEqualTo("u-1");
        second.push(new Frame.Receipt(message.localId(), "s-1", 1));
        assertThat(await(sent).serverId()).isEqualTo("s-1");
        assertThat(attempts.get()).isEqualTo(2);
        assertNothingMoreSent(second);
        assertThat(first.poll(Duration.ZERO)).as("nothing was sent on the first link").isNull();
    }

    @Test
    void anUploadedMessageWithoutReceiptIsSentAgainAfterAReconnectWithoutUploadingAgain() {
        stub.json("POST", FILES, 200, UPLOADED);
        logIn();
        ChatMessage message = catPicture();
        CompletableFuture<SendReceipt> sent = client.send(message);
        Frame.Send before = link.expect(Frame.Send.class);

        link.drop();
        FakeLink second = transport.nextLink();
        second.acceptLogin("leo");
        Frame.Send after = second.expect(Frame.Send.class);
        assertThat(after).isEqualTo(before);
        second.push(new Frame.Receipt(message.localId(), "s-1", 1));
        await(sent);
        assertThat(stub.all).hasSize(1);
        assertNothingMoreSent(second);
    }

    @Test
    void aFileMessageSentWhileReconnectingWaitsForTheLoginToUpload() throws InterruptedException {
        stub.json("POST", FILES, 200, UPLOADED);
        logIn();
        link.drop();
        events.await("state:RECONNECTING");
        FakeLink second = transport.nextLink();
        ChatMessage message = ChatMessage.createFileSendMessage("roy", image).withFileName("report.png");
        CompletableFuture<SendReceipt> sent = client.send(message);
        assertThat(stub.requestWithin(Duration.ofMillis(300))).as("an upload while logged out").isFalse();

        second.acceptLogin("leo");
        Frame.Send frame = second.expect(Frame.Send.class);
        assertThat(frame.content()).isEqualTo(new Content.File(
                Attachment.of("u-1", "sec", "report.png", 200_000, "image/png")));
        second.push(new Frame.Receipt(message.localId(), "s-2", 2));
        await(sent);
    }

    @Test
    void cancellingTheSendStopsItsUploadAndNothingIsSent() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[48 << 20]);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        stub.on("POST", FILES, exchange -> {
            InputStream in = exchange.getRequestBody();
            try {
                received.addAndGet(in.readNBytes(64 * 1024).length);
                started.countDown();
                cancelled.await(10, TimeUnit.SECONDS);
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away: expected
            } finally {
                stub.record(exchange, new byte[0]);
            }
        });
        logIn();
        CompletableFuture<SendReceipt> sent = client.send(ChatMessage.createFileSendMessage("roy", big));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent.cancel(true)).isTrue();
        cancelled.countDown();
        stub.next();
        assertThat(received.get()).isLessThan(48 << 20);
        assertThat(failureOf(sent)).isInstanceOf(CancellationException.class);
        assertNothingMoreSent(link);
    }

    @Test
    void anUploadRefusedAsTooLargeFailsTheSendAndNothingIsSent() {
        stub.json("POST", FILES, 413, "{\"error\":\"request_entity_too_large\",\"error_description\":\"over 10 MB\"}");
        logIn();
        Throwable failure = failureOf(client.send(catPicture()));
        assertThat(failure).isInstanceOfSatisfying(ChatRestException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE.code()));
        assertNothingMoreSent(link);
    }

    @Test
    void aTextSentDuringAnUploadIsNotHeldBackByIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        stub.on("POST", FILES, exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                release.await(10, TimeUnit.SECONDS);
                HttpStub.respond(exchange, 200, UPLOADED);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                stub.record(exchange, new byte[0]);
            }
        });
        logIn();
        ChatMessage picture = catPicture();
        client.send(picture);
        ChatMessage text = ChatMessage.createTextSendMessage("100", "look!").withChatType(ChatType.GROUP);
        client.send(text);
        assertThat(link.expect(Frame.Send.class).localId()).isEqualTo(text.localId());
        release.countDown();
        assertThat(link.expect(Frame.Send.class).localId()).isEqualTo(picture.localId());
    }
}
