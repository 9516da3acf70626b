package dev.parley.server.session;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSocket session without a network, for unit tests of connections and routing: it records the text frames sent
 * to it (writes complete at once, or are held until {@link #completeWrites}), and can die, after which every send
 * throws as Tyrus's does when the socket is gone.
 */
final class FakeSocket {
    private static final FrameCodec CODEC = new FrameCodec();

    final String id;
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final List<SendHandler> heldWrites = new ArrayList<>();
    volatile boolean dead;
    volatile boolean holdWrites;
    final Session session;

    FakeSocket(String id) {
        this.id = id;
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        if (dead) {
                            throw new IllegalStateException("The connection has been closed.");
                        }
                        sent.add((String) args[0]);
                        SendHandler done = (SendHandler) args[1];
                        if (holdWrites) {
                            synchronized (heldWrites) {
                                heldWrites.add(done);
                            }
                        } else {
                            done.onResult(new SendResult());
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getAsyncRemote" -> async;
                    case "isOpen" -> !dead && closes.isEmpty();
                    case "close" -> {
                        closes.add(args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeSocket[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Completes the writes held so far, as a client that reads again. */
    void completeWrites() {
        List<SendHandler> done;
        synchronized (heldWrites) {
            done = List.copyOf(heldWrites);
            heldWrites.clear();
        }
        done.forEach(h -> h.onResult(new SendResult()));
    }

    /** The frames sent, decoded. */
    List<Frame.ServerFrame> frames() {
        return sent.stream().map(CODEC::decodeServerFrame).toList();
    }

    /** The ids of the message frames sent, in order. */
    List<Long> messageIds() {
        return frames().stream().filter(f -> f instanceof Frame.Message).map(f -> Long.parseLong(((Frame.Message) f).id()))
                .toList();
    }
}
