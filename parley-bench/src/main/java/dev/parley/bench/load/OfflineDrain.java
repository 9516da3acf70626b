package dev.parley.bench.load;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The offline drain: one user sends {@code count} messages to another who is offline (waiting for every receipt, so
 * all are stored), then the recipient signs in and is pushed its backlog between {@code syncStart} and
 * {@code syncEnd}, acknowledging each message with {@code delivered}. Measured: from sending {@code open} to the
 * last message received; checked: every message once, in the order sent (and in the order of the server's ids).
 * <p>
 * Threading: {@link #run} on the caller's thread; the handler methods on the loop thread.
 */
final class OfflineDrain implements ClientLoop.Handler {
    private static final byte[] TYPE = JsonScan.key("type");
    private static final byte[] RECEIPT = "receipt".getBytes();
    private static final byte[] MESSAGE = "message".getBytes();
    private static final byte[] MSG = JsonScan.key("msg");
    private static final byte[] ID = JsonScan.key("id");
    private static final int IN_FLIGHT = 2_000;

    private final ClientLoop loop;
    private final Bytes out = new Bytes();
    private ClientLoop.Session recipient;
    private int receipts;
    private int received;
    private int duplicates;
    private int orderViolations;
    private int commitOrderViolations;
    private long last = -1;
    private long lastId = -1;
    private long lastMessageNanos;

    private OfflineDrain(ClientLoop loop) {
        this.loop = loop;
    }

    /** Runs the drain: {@code from} signs in at {@code fromPort}, {@code to} at {@code toPort}. */
    static Results.Drain run(ClientLoop loop, Users.Credential from, int fromPort, Users.Credential to, int toPort,
                             int count) throws Exception {
        OfflineDrain drain = new OfflineDrain(loop);
        loop.handler(drain);
        ClientLoop.Session sender = new ClientLoop.Session(0, from.user(), from.token(), "127.0.0.1",
                fromPort);
        loop.signIn(List.of(sender), 1).getFirst().get(60, TimeUnit.SECONDS);
        long fillStart = System.nanoTime();
        for (int sent = 0; sent < count; ) {
            int batch = Math.min(500, count - sent);
            int first = sent;
            loop.call(() -> {
                for (int n = first; n < first + batch; n++) {
                    loop.send(sender, drain.out.clear().ascii("{\"type\":\"send\",\"localId\":\"d").number(n)
                            .ascii("\",\"to\":\"").ascii(to.user())
                            .ascii("\",\"chatType\":\"singleChat\",\"msgType\":\"txt\",\"msg\":\"d").number(n)
                            .ascii(" a message waiting for its recipient to come online\"}"));
                }
                return null;
            }).join();
            sent += batch;
            while (sent - loop.call(() -> drain.receipts).join() > IN_FLIGHT) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (loop.call(() -> drain.receipts).join() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

        ClientLoop.Session target = new ClientLoop.Session(1, to.user(), to.token(), "127.0.0.1", toPort);
        loop.call(() -> drain.recipient = target).join();
        loop.signIn(List.of(target), 1).getFirst().get(120, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (loop.call(() -> drain.received).join() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Results.Drain result = loop.call(() -> {
            double millis = (drain.lastMessageNanos - target.openSentNanos) / 1e6;
            return new Results.Drain(count, drain.received, drain.duplicates, drain.orderViolations,
                    drain.commitOrderViolations, fillSeconds,
                    millis, drain.received / (millis / 1e3));
        }).join();
        loop.closeAll(List.of(sender, target));
        return result;
    }

    @Override
    public void onText(ClientLoop.Session s, byte[] a, int off, int len, long now) {
        if (JsonScan.stringStartsWith(a, off, len, TYPE, RECEIPT)) {
            receipts++;
            return;
        }
        if (s != recipient || !JsonScan.stringStartsWith(a, off, len, TYPE, MESSAGE)) {
            return;
        }
        int[] id = JsonScan.string(a, off, len, ID);
        if (id != null) {
            loop.send(s, out.clear().ascii("{\"type\":\"delivered\",\"id\":\"").bytes(a, id[0], id[1]).ascii("\"}"));
        }
        long n = JsonScan.number(a, off, len, MSG, 2);
        long serverId = JsonScan.number(a, off, len, ID, 1);
        if (serverId <= lastId) {
            commitOrderViolations++;
        }
        lastId = Math.max(lastId, serverId);
        if (n == last) {
            duplicates++;
            return;
        }
        if (n < last) {
            orderViolations++;
        }
        last = Math.max(last, n);
        received++;
        lastMessageNanos = now;
    }
}
