package dev.parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The yardstick: a minimal chat relay speaking the same v1 frames as Parley, with no storage and no checks, on one
 * NIO selector thread. {@code open} (any token) gets {@code opened}, an empty {@code syncStart}/{@code syncEnd};
 * {@code send} gets a {@code receipt} with the next id and is forwarded at once as a {@code message} to the
 * recipient's last signed-in connection (dropped when the recipient is offline); {@code delivered} is counted; a
 * JSON {@code ping} gets a {@code pong}. It shows what the machine, the network stack and the load generator can do
 * when a server does nothing but relay.
 * <p>
 * Usage: {@code RelayServer PORT [HOST]}; prints {@code relay listening on PORT} once it accepts connections.
 */
public final class RelayServer {
    private static final byte[] TYPE = JsonScan.key("type");
    private static final byte[] USER = JsonScan.key("user");
    private static final byte[] LOCAL_ID = JsonScan.key("localId");
    private static final byte[] TO = JsonScan.key("to");
    private static final byte[] MSG = JsonScan.key("msg");
    private static final byte[] T = JsonScan.key("t");

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Map<String, WsChannel> online = new HashMap<>();
    private final Bytes frame = new Bytes();
    private final List<WsChannel> dirty = new ArrayList<>();
    private long nextId = 1;
    private long dropped;

    private RelayServer(String host, int port) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, port), 4096);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        RelayServer relay = new RelayServer(args.length > 1 ? args[1] : "127.0.0.1", port);
        System.out.println("relay listening on " + relay.listener.socket().getLocalPort());
        System.out.flush();
        relay.run();
    }

    private void run() throws IOException {
        while (true) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                    continue;
                }
                WsChannel c = (WsChannel) key.attachment();
                if (key.isWritable()) {
                    c.flush();
                }
                if (key.isReadable()) {
                    read(c);
                }
            }
            for (WsChannel c : dirty) {
                c.flush();
            }
            dirty.clear();
        }
    }

    private void accept() throws IOException {
        SocketChannel s;
        while ((s = listener.accept()) != null) {
            s.configureBlocking(false);
            s.socket().setTcpNoDelay(true);
            SelectionKey key = s.register(selector, SelectionKey.OP_READ);
            WsChannel c = new WsChannel(s, key, false);
            key.attach(c);
        }
    }

    private void read(WsChannel c) throws IOException {
        if (!c.read()) {
            gone(c);
            return;
        }
        if (c.attachment == null) {
            String head = c.takeHttpHead();
            if (head == null) {
                return;
            }
            String key = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            c.appendRaw("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + WsChannel.acceptKey(key) + "\r\n\r\n");
            c.attachment = "";
        }
        c.frames(this::onFrame);
        if (c.isClosed()) {
            gone(c);
            return;
        }
        dirty.add(c);
    }

    private void onFrame(WsChannel c, int opcode, byte[] a, int off, int len) {
        if (opcode != WsChannel.TEXT) {
            return;
        }
        int[] type = JsonScan.string(a, off, len, TYPE);
        if (type == null) {
            return;
        }
        String kind = new String(a, type[0], type[1], StandardCharsets.US_ASCII);
        long now = System.currentTimeMillis();
        switch (kind) {
            case "send" -> relay(c, a, off, len, now);
            case "open" -> {
                int[] user = JsonScan.string(a, off, len, USER);
                String name = user == null ? "" : new String(a, user[0], user[1], StandardCharsets.UTF_8);
                c.attachment = name;
                online.put(name, c);
                c.appendText(frame.clear().ascii("{\"type\":\"opened\",\"user\":\"").ascii(name)
                        .ascii("\",\"expireTimestamp\":").number(now + 86_400_000L).ascii(",\"serverTime\":")
                        .number(now).ascii("}"));
                c.appendText(frame.clear().ascii("{\"type\":\"syncStart\",\"count\":0}"));
                c.appendText(frame.clear().ascii("{\"type\":\"syncEnd\"}"));
            }
            case "ping" -> {
                long t = JsonScan.number(a, off, len, T, 0);
                c.appendText(frame.clear().ascii("{\"type\":\"pong\",\"t\":").number(Math.max(0, t)).ascii("}"));
            }
            default -> { } // delivered, read, …: nothing to store
        }
    }

    private void relay(WsChannel c, byte[] a, int off, int len, long now) {
        int[] localId = JsonScan.string(a, off, len, LOCAL_ID);
        int[] to = JsonScan.string(a, off, len, TO);
        int[] msg = JsonScan.string(a, off, len, MSG);
        if (localId == null || to == null || msg == null) {
            return;
        }
        long id = nextId++;
        c.appendText(frame.clear().ascii("{\"type\":\"receipt\",\"localId\":\"").bytes(a, localId[0], localId[1])
                .ascii("\",\"id\":\"").number(id).ascii("\",\"time\":").number(now).ascii("}"));
        WsChannel recipient = online.get(new String(a, to[0], to[1], StandardCharsets.UTF_8));
        if (recipient == null || recipient.isClosed()) {
            dropped++;
            return;
        }
        recipient.appendText(frame.clear().ascii("{\"type\":\"message\",\"id\":\"").number(id)
                .ascii("\",\"from\":\"").ascii((String) c.attachment).ascii("\",\"to\":\"").bytes(a, to[0], to[1])
                .ascii("\",\"chatType\":\"singleChat\",\"msgType\":\"txt\",\"msg\":\"").bytes(a, msg[0], msg[1])
                .ascii("\",\"time\":").number(now).ascii("}"));
        if (recipient != c) {
            dirty.add(recipient);
        }
    }

    private void gone(WsChannel c) {
        if (c.attachment instanceof String user && online.get(user) == c) {
            online.remove(user);
        }
        c.close();
    }
}
