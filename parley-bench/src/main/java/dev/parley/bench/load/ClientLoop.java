package dev.parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The load generator's one I/O thread: a {@link Selector} over every client WebSocket, which also runs the current
 * {@link Handler}'s pacing ({@link Handler#tick}) between selects, so that sends go out at their intended times
 * without a second thread. Connections are opened and signed in (TCP connect, HTTP upgrade, {@code open}, wait for
 * {@code syncEnd}) a bounded number at a time. Every text frame after the upgrade goes to the handler. Each
 * {@link Session} names the port of its server, so one loop drives every node of a cluster.
 * <p>
 * Threading: everything here runs on the loop thread; other threads reach it only through {@link #call}.
 */
final class ClientLoop implements AutoCloseable {
    /** What the loop thread runs: frame handling and pacing. */
    interface Handler {
        void onText(Session session, byte[] a, int off, int len, long now);

        /** Appends whatever is due by {@code now}. */
        default void tick(long now) {
        }

        /** When {@link #tick} next has something to send ({@code Long.MAX_VALUE}: nothing planned). */
        default long nextDue() {
            return Long.MAX_VALUE;
        }
    }

    /** One signed-in user (or one on its way), connecting from address {@code source} to the server at {@code port}. */
    static final class Session {
        final int index;
        final String user;
        final String token;
        final String source;
        final int port;
        WsChannel channel;
        boolean upgraded;
        boolean synced;
        long openSentNanos;
        private CompletableFuture<Session> ready;

        Session(int index, String user, String token, String source, int port) {
            this.index = index;
            this.user = user;
            this.token = token;
            this.source = source;
            this.port = port;
        }
    }

    private static final byte[] TYPE = JsonScan.key("type");
    private static final byte[] SYNC_END = "syncEnd".getBytes();
    private static final byte[] ERROR = "error".getBytes();

    private final Selector selector;
    private final String host;
    private final String appKey;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Session> waiting = new ArrayDeque<>();
    private final List<WsChannel> dirty = new ArrayList<>();
    private final Bytes scratch = new Bytes();
    private int connecting;
    private int concurrency = 64;
    private volatile boolean running = true;
    private Handler handler = (s, a, off, len, now) -> { };

    /** A loop whose sessions connect to servers on {@code host}, each to its own {@link Session#port}. */
    ClientLoop(String host, String appKey) throws IOException {
        this.selector = Selector.open();
        this.host = host;
        this.appKey = appKey;
        this.thread = Thread.ofPlatform().name("load-loop").daemon().start(this::run);
    }

    /** The loop thread's id, for its CPU time. */
    long threadId() {
        return thread.threadId();
    }

    /** Runs {@code work} on the loop thread. */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    /** Sets the handler (blocking until the loop has it). */
    void handler(Handler h) {
        call(() -> handler = h).join();
    }

    /** Opens and signs in every session, {@code atOnce} at a time; each future completes when it is synced. */
    List<CompletableFuture<Session>> signIn(List<Session> sessions, int atOnce) {
        List<CompletableFuture<Session>> all = new ArrayList<>();
        for (Session s : sessions) {
            s.ready = new CompletableFuture<>();
            all.add(s.ready);
        }
        call(() -> {
            concurrency = atOnce;
            waiting.addAll(sessions);
            startConnects();
            return null;
        });
        return all;
    }

    /** Appends one text frame to a session (loop thread only); written at the end of this loop turn. */
    void send(Session s, Bytes text) {
        s.channel.appendText(text);
        dirty.add(s.channel);
    }

    /** Closes every given session's socket (on the loop thread). */
    void closeAll(List<Session> sessions) {
        call(() -> {
            for (Session s : sessions) {
                if (s.channel != null) {
                    s.channel.close();
                }
            }
            return null;
        }).join();
    }

    private void run() {
        try {
            while (running) {
                for (Runnable r; (r = tasks.poll()) != null; ) {
                    r.run();
                }
                handler.tick(System.nanoTime());
                flushDirty();
                long wait = handler.nextDue() - System.nanoTime();
                if (wait <= 0) {
                    selector.selectNow();
                } else if (wait > 2_000_000) {
                    selector.select(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) - 1, 100));
                } else if (selector.selectNow() == 0) {
                    LockSupport.parkNanos(wait);
                }
                handleKeys();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("load: the client loop failed: " + e);
            e.printStackTrace();
        }
    }

    private void handleKeys() throws IOException {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        long now = System.nanoTime();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Session s = (Session) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            if (key.isConnectable()) {
                connected(s);
                continue;
            }
            if (key.isWritable()) {
                s.channel.flush();
            }
            if (key.isReadable()) {
                readable(s, now);
            }
        }
    }

    private void startConnects() {
        while (connecting < concurrency && !waiting.isEmpty()) {
            Session s = waiting.poll();
            connecting++;
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.bind(new InetSocketAddress(s.source, 0));
                ch.socket().setTcpNoDelay(true);
                SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT, s);
                s.channel = new WsChannel(ch, key, true);
                if (ch.connect(new InetSocketAddress(host, s.port))) {
                    connected(s);
                }
            } catch (IOException e) {
                failed(s, e);
            }
        }
    }

    private void connected(Session s) {
        try {
            s.channel.socket.finishConnect();
            s.channel.key.interestOps(SelectionKey.OP_READ);
            s.channel.appendRaw(WsChannel.upgradeRequest(host, s.port));
            dirty.add(s.channel);
        } catch (IOException e) {
            failed(s, e);
        }
    }

    private void readable(Session s, long now) throws IOException {
        WsChannel c = s.channel;
        if (!c.read()) {
            if (!s.synced) {
                failed(s, new IOException("closed by the server during sign-in"));
            }
            return;
        }
        if (!s.upgraded) {
            String head = c.takeHttpHead();
            if (head == null) {
                return;
            }
            if (!head.startsWith("HTTP/1.1 101")) {
                failed(s, new IOException("no upgrade: " + head.lines().findFirst().orElse("")));
                return;
            }
            s.upgraded = true;
            s.openSentNanos = System.nanoTime();
            send(s, scratch.clear().ascii("{\"type\":\"open\",\"appKey\":\"").ascii(appKey).ascii("\",\"user\":\"")
                    .ascii(s.user).ascii("\",\"token\":\"").ascii(s.token).ascii("\",\"deviceId\":\"bench\"}"));
        }
        c.frames((ch, opcode, a, off, len) -> {
            if (!s.synced) {
                if (JsonScan.stringStartsWith(a, off, len, TYPE, SYNC_END)) {
                    s.synced = true;
                    connecting--;
                    s.ready.complete(s);
                    startConnects();
                } else if (JsonScan.stringStartsWith(a, off, len, TYPE, ERROR)) {
                    failed(s, new IOException("refused: " + new String(a, off, len)));
                    return;
                }
            }
            handler.onText(s, a, off, len, now);
        });
        if (c.hasPendingOutput()) {
            dirty.add(c);
        }
    }

    private void failed(Session s, IOException e) {
        if (s.channel != null) {
            s.channel.close();
        }
        if (!s.ready.isDone()) {
            connecting--;
            s.ready.completeExceptionally(e);
            startConnects();
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
