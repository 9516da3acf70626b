package dev.parley.desktop;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ChatOptions;
import dev.parley.client.ReconnectPolicy;
import dev.parley.client.SendReceipt;
import dev.parley.client.TextMessage;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.OutboxStore;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Parley server in-process on a free port of 127.0.0.1 with a temporary data directory, plus plain SDK
 * clients ("peers") that tests chat with. {@link #close()} closes the peers, the server and the directory.
 */
public final class TestServer implements AutoCloseable {
    public static final String APP_KEY = "parley#test";
    public static final String PASSWORD = "correct horse";
    /** Reconnect quickly in tests. */
    public static final ReconnectPolicy FAST_RECONNECT = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(100));
    public static final long TIMEOUT_SECONDS = 10;

    private final Path dataDir;
    private final Consumer<ServerConfig.Builder> tweaks;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ParleyServer server;
    private int port;

    private TestServer(Path dataDir, Consumer<ServerConfig.Builder> tweaks) {
        this.dataDir = dataDir;
        this.tweaks = tweaks;
    }

    public static TestServer start() {
        return start(builder -> { });
    }

    /** A server whose configuration {@code tweaks} may change. */
    public static TestServer start(Consumer<ServerConfig.Builder> tweaks) {
        try {
            TestServer s = new TestServer(Files.createTempDirectory("parley-desktop-test"), tweaks);
            s.startOn(0);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startOn(int onPort) {
        ServerConfig.Builder config = ServerConfig.builder().dataDir(dataDir).port(onPort).openRegistration(true)
                .appKey(APP_KEY).rateLimit(100_000, 100_000).frameRate(1e6, 1_000_000);
        tweaks.accept(config);
        try {
            server = ParleyServer.start(config.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.port();
    }

    public String wsUrl() {
        return server.wsUrl();
    }

    public String token(String user) {
        return token(user, Duration.ofHours(1));
    }

    public String token(String user, Duration ttl) {
        return server.userToken(user, ttl);
    }

    public void register(String user) {
        server.registerUser(user, PASSWORD);
    }

    /** Registers {@code user} with a display name (nickname), through the SDK's REST call as the app does. */
    public void register(String user, String nickname) {
        try (ChatClient client = ChatClient.create(ChatOptions.builder().appKey(APP_KEY).url(wsUrl()).build())) {
            join(client.registerUser(user, PASSWORD, nickname));
        }
    }

    public SignInRequest tokenSignIn(String user) {
        return new SignInRequest(wsUrl(), APP_KEY, user, SignInMethod.TOKEN, token(user));
    }

    public SignInRequest passwordSignIn(String user, String password) {
        return new SignInRequest(wsUrl(), APP_KEY, user, SignInMethod.PASSWORD, password);
    }

    /** A chat service for the desktop app under test, with the fast reconnect policy (the test closes it). */
    public ChatService service(Executor fx) {
        return service(fx, options -> options);
    }

    /** A chat service with the fast reconnect policy and further option changes. */
    public ChatService service(Executor fx, UnaryOperator<ChatOptions.Builder> tuning) {
        return new ChatService(fx, options -> tuning.apply(options.reconnectPolicy(FAST_RECONNECT)));
    }

    /** A chat service with the fast reconnect policy whose outbox is kept in {@code outbox}. */
    public ChatService service(Executor fx, OutboxStore outbox) {
        return new ChatService(fx, options -> options.reconnectPolicy(FAST_RECONNECT), outbox);
    }

    /** A plain SDK client signed in as {@code user} (registered if new). */
    public Peer peer(String user) {
        ChatClient client = ChatClient.create(ChatOptions.builder().appKey(APP_KEY).url(wsUrl())
                .reconnectPolicy(FAST_RECONNECT).build());
        Peer peer = new Peer(client);
        client.addEventHandler("test", peer);
        closeables.add(client);
        join(client.open(user, token(user)));
        return peer;
    }

    /** The server's data directory (its SQLite database, {@code parley.db}). */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (clients see their connections drop). */
    public void stop() {
        server.close();
    }

    /** Starts the server again on the same port and data. */
    public void startAgain() {
        startOn(port);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /**
     * The local ids of the messages {@code sender} sent, in the order the server stored them, read from the server's
     * own SQLite store (not through the SDK): a message stored twice would be listed twice.
     */
    public List<String> storedLocalIds(String sender) {
        String url = "jdbc:sqlite:" + dataDir.resolve("parley.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.PreparedStatement select = c.prepareStatement(
                     "SELECT local_id FROM messages WHERE sender = ? ORDER BY id")) {
            select.setString(1, sender);
            List<String> ids = new ArrayList<>();
            try (java.sql.ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the server's store", e);
        }
    }

    public static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("did not complete: " + e, e);
        }
    }

    /** A plain SDK client on the other end of a conversation. */
    public static final class Peer implements ChatEventHandler {
        private final ChatClient client;
        private final BlockingQueue<TextMessageEvent> messages = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> reads = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> conversationReads = new LinkedBlockingQueue<>();
        private final BlockingQueue<dev.parley.client.ReceivedMessage> received = new LinkedBlockingQueue<>();

        Peer(ChatClient client) {
            this.client = client;
        }

        public ChatClient client() {
            return client;
        }

        public SendReceipt send(String to, String text) {
            return join(client.send(TextMessage.create(to, text)));
        }

        /** The next message that arrives (within the timeout). */
        public TextMessageEvent nextMessage() {
            return poll(messages, "a message");
        }

        /** The next message of any kind that arrives (within the timeout), one-to-one or in a group. */
        public dev.parley.client.ReceivedMessage nextReceived() {
            return poll(received, "a message");
        }

        /** The server id of the next message the other side read. */
        public String nextRead() {
            return poll(reads, "a read receipt");
        }

        @Override
        public void onMessage(dev.parley.client.ReceivedMessage message) {
            received.add(message);
        }

        @Override
        public void onTextMessage(TextMessageEvent message) {
            messages.add(message);
        }

        /**
         * Who read the next whole conversation with this user (protocol v2's {@code channelAck}: the desktop marks a
         * conversation read as a whole).
         */
        public String nextConversationRead() {
            return poll(conversationReads, "a conversation read mark");
        }

        @Override
        public void onChannelMessage(dev.parley.client.ChannelAckEvent ack) {
            if (!ack.byMe()) {
                conversationReads.add(ack.reader());
            }
        }

        @Override
        public void onReadMessage(String serverId, String from) {
            reads.add(serverId);
        }

        private static <T> T poll(BlockingQueue<T> queue, String what) {
            try {
                T value = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (value == null) {
                    throw new AssertionError("no " + what + " within " + TIMEOUT_SECONDS + " s");
                }
                return value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
