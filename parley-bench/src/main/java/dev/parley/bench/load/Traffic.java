package dev.parley.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * The steady load, after MongooseIM's amoc: user {@code i} sends its messages round-robin to its next
 * {@code neighbours} users ({@code i+1 … i+neighbours}, modulo N); message {@code n} is sent by user {@code n mod N}.
 * Paces the current {@link StepWindow} open-loop, records receipt and delivery latency from each message's intended
 * time, acknowledges every delivery with {@code delivered} as protocol v1 requires, and counts duplicates and order
 * violations (per sender→recipient pair, by the order of sends).
 * <p>
 * A message carries its number twice: as its {@code localId} (for the receipt) and at the start of its body,
 * {@code n<number> …} (for the delivery). Threading: the loop thread only.
 */
final class Traffic implements ClientLoop.Handler {
    private static final byte[] TYPE = JsonScan.key("type");
    private static final byte[] LOCAL_ID = JsonScan.key("localId");
    private static final byte[] MSG = JsonScan.key("msg");
    private static final byte[] FROM = JsonScan.key("from");
    private static final byte[] ID = JsonScan.key("id");
    private static final String PADDING = " padded to about one hundred bytes like a short chat message .........";

    private final ClientLoop loop;
    private final List<ClientLoop.Session> users;
    private final int neighbours;
    private final long[] lastByPair;
    private final long[] lastIdByPair;
    private final Bytes out = new Bytes();
    private StepWindow window;
    private long next;
    private int errorsShown;

    Traffic(ClientLoop loop, List<ClientLoop.Session> users, int neighbours) {
        this.loop = loop;
        this.users = users;
        this.neighbours = Math.max(1, Math.min(neighbours, users.size() - 1));
        this.lastByPair = new long[users.size() * this.neighbours];
        Arrays.fill(lastByPair, -1);
        this.lastIdByPair = new long[lastByPair.length];
        Arrays.fill(lastIdByPair, -1);
    }

    /** Starts a step (loop thread); its numbers follow the previous step's. */
    StepWindow start(int rate, double warmupSeconds, double seconds, long startNanos) {
        long first = window == null ? 0 : window.first + window.count;
        window = new StepWindow(first, rate, warmupSeconds, seconds, startNanos);
        next = first;
        return window;
    }

    @Override
    public long nextDue() {
        return window != null && window.contains(next) ? window.intended(next) : Long.MAX_VALUE;
    }

    @Override
    public void tick(long now) {
        StepWindow w = window;
        if (w == null) {
            return;
        }
        int n = users.size();
        while (w.contains(next)) {
            long due = w.intended(next);
            if (due > now) {
                break;
            }
            int sender = (int) (next % n);
            int round = (int) (next / n);
            int recipient = (sender + 1 + round % neighbours) % n;
            ClientLoop.Session s = users.get(sender);
            loop.send(s, out.clear().ascii("{\"type\":\"send\",\"localId\":\"").number(next)
                    .ascii("\",\"to\":\"").ascii(users.get(recipient).user)
                    .ascii("\",\"chatType\":\"singleChat\",\"msgType\":\"txt\",\"msg\":\"n").number(next)
                    .ascii(PADDING).ascii("\"}"));
            w.sent++;
            w.maxSendLagNanos = Math.max(w.maxSendLagNanos, now - due);
            next++;
        }
    }

    @Override
    public void onText(ClientLoop.Session s, byte[] a, int off, int len, long now) {
        int[] type = JsonScan.string(a, off, len, TYPE);
        if (type == null || type[1] < 5) {
            return;
        }
        switch (a[type[0]]) {
            case 'r' -> {
                if (a[type[0] + 2] == 'c') { // receipt (not readReceipt)
                    receipt(a, off, len, now);
                }
            }
            case 'm' -> message(s, a, off, len, now);
            case 'e' -> error(a, off, len);
            default -> { }
        }
    }

    private void receipt(byte[] a, int off, int len, long now) {
        long n = JsonScan.number(a, off, len, LOCAL_ID, 1);
        StepWindow w = window;
        if (w == null || !w.contains(n)) {
            return;
        }
        int i = (int) (n - w.first);
        if (w.receipted.get(i)) {
            w.duplicateReceipts++;
            return;
        }
        w.receipted.set(i);
        w.receipts++;
        if (w.measured(n)) {
            w.receiptLatency.recordValue(Math.max(0, now - w.intended(n)));
        }
    }

    private void message(ClientLoop.Session s, byte[] a, int off, int len, long now) {
        int[] id = JsonScan.string(a, off, len, ID);
        if (id != null) {
            loop.send(s, out.clear().ascii("{\"type\":\"delivered\",\"id\":\"").bytes(a, id[0], id[1]).ascii("\"}"));
        }
        long n = JsonScan.number(a, off, len, MSG, 2);
        long from = JsonScan.number(a, off, len, FROM, 2);
        StepWindow w = window;
        if (w == null || !w.contains(n) || from < 0) {
            return;
        }
        int i = (int) (n - w.first);
        if (w.delivered.get(i)) {
            w.duplicateDeliveries++;
            return;
        }
        w.delivered.set(i);
        w.deliveries++;
        w.lastDeliveryNanos = now;
        int size = users.size();
        int k = (int) ((s.index - from + size) % size);
        if (k >= 1 && k <= neighbours) {
            int pair = (int) from * neighbours + k - 1;
            if (lastByPair[pair] > n) {
                w.orderViolations++;
            }
            lastByPair[pair] = Math.max(lastByPair[pair], n);
            long serverId = JsonScan.number(a, off, len, ID, 1);
            if (serverId <= lastIdByPair[pair]) {
                w.commitOrderViolations++;
            }
            lastIdByPair[pair] = Math.max(lastIdByPair[pair], serverId);
        }
        if (w.measured(n)) {
            w.deliveryLatency.recordValue(Math.max(0, now - w.intended(n)));
        }
    }

    private void error(byte[] a, int off, int len) {
        if (window != null) {
            window.errors++;
        }
        if (errorsShown++ < 5) {
            System.err.println("load: server error frame: " + new String(a, off, len));
        }
    }
}
