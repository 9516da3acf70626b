package dev.parley.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;

/**
 * WebSocket connections through Tyrus on its pure-JDK container (no Grizzly). Connecting blocks inside Tyrus, so it
 * runs on a virtual thread; frames arrive on Tyrus's I/O threads and are handed straight to the listener.
 */
final class TyrusTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(TyrusTransport.class.getName());

    private final ClientManager manager;
    private final Set<TyrusLink> links = ConcurrentHashMap.newKeySet();

    TyrusTransport(Duration handshakeTimeout) {
        this.manager = ClientManager.createClient(JdkClientContainer.class.getName());
        manager.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT,
                (int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
    }

    @Override
    public CompletableFuture<Link> connect(URI url, Listener listener) {
        CompletableFuture<Link> result = new CompletableFuture<>();
        Thread.ofVirtual().name("parley-connect").start(() -> {
            TyrusLink link = new TyrusLink(listener);
            try {
                manager.connectToServer(link, ClientEndpointConfig.Builder.create().build(), url);
                links.add(link);
                result.complete(link);
            } catch (DeploymentException | IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void shutdown() {
        for (TyrusLink link : links) {
            link.closeNow();
        }
        manager.shutdown();
    }

    /** One connection: the Tyrus endpoint and the link the client talks to. */
    private final class TyrusLink extends Endpoint implements Link {
        private final Listener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Session session;

        TyrusLink(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            session.addMessageHandler(String.class, text -> {
                if (!closed.get()) {
                    listener.onText(text);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed("closed by the server: " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @Override
        public void onError(Session session, Throwable failure) {
            closed("failed: " + failure);
            close();
        }

        @Override
        public void send(String text) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                closed("not open");
                return;
            }
            try {
                s.getAsyncRemote().sendText(text, result -> {
                    if (!result.isOK()) {
                        closed("send failed: " + result.getException());
                        close();
                    }
                });
            } catch (RuntimeException e) {
                // Tyrus throws IllegalStateException, or a bare RuntimeException ("Socket is not connected.") when
                // the socket closes under it: either way the link is gone, and the frame waits in the outbox.
                closed("send failed: " + e.getMessage());
                close();
            }
        }

        @Override
        public void close() {
            Thread.ofVirtual().name("parley-close").start(this::closeNow);
        }

        void closeNow() {
            links.remove(this);
            Session s = session;
            if (s != null && s.isOpen()) {
                try {
                    s.close();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing a WebSocket failed", e);
                }
            }
        }

        private void closed(String why) {
            if (closed.compareAndSet(false, true)) {
                links.remove(this);
                listener.onClosed(why);
            }
        }
    }
}
