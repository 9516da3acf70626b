package dev.parley.desktop.media;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ChatOptions;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.TestServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** What the media tests share: signed-in SDK clients that keep what they receive, and test files. */
final class MediaKit {
    private MediaKit() {
    }

    /** A PNG of {@code width} × {@code height}: left half red, right half blue. */
    static Path png(Path dir, String name, int width, int height) {
        WritableImage image = new WritableImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getPixelWriter().setColor(x, y, x < width / 2 ? Color.RED : Color.BLUE);
            }
        }
        Path file = dir.resolve(name);
        try {
            PngWriter.write(image, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A file of {@code size} bytes (sparse: zeros, written in no time). */
    static Path sparse(Path dir, String name, long size) {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A client signed in as {@code user} (registered if new) whose REST calls go to {@code apiUrl}. */
    static Receiver signIn(TestServer server, String user, String apiUrl) {
        ChatOptions.Builder options = ChatOptions.builder().appKey(TestServer.APP_KEY).url(server.wsUrl())
                .reconnectPolicy(TestServer.FAST_RECONNECT);
        if (!apiUrl.isEmpty()) {
            options.apiUrl(apiUrl);
        }
        ChatClient client = ChatClient.create(options.build());
        Receiver receiver = new Receiver(client);
        client.addEventHandler("media-test", receiver);
        TestServer.join(client.open(user, server.token(user)));
        return receiver;
    }

    /** A client signed in as {@code user}. */
    static Receiver signIn(TestServer server, String user) {
        return signIn(server, user, "");
    }

    /** A signed-in client and the messages it received, in order. */
    static final class Receiver implements ChatEventHandler, AutoCloseable {
        private final ChatClient client;
        private final BlockingQueue<ReceivedMessage> messages = new LinkedBlockingQueue<>();

        Receiver(ChatClient client) {
            this.client = client;
        }

        ChatClient client() {
            return client;
        }

        @Override
        public void onMessage(ReceivedMessage message) {
            messages.add(message);
        }

        /** The next message (within the test timeout). */
        ReceivedMessage next() {
            try {
                ReceivedMessage m = messages.poll(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no message within " + TestServer.TIMEOUT_SECONDS + " s");
                }
                return m;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
