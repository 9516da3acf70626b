package dev.parley.server;

import dev.parley.server.session.UpgradeHandoff;

import dev.parley.server.limit.LogLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus's engine with a {@link FrameGuard} in front of the reader of every connection it upgrades, and a
 * {@link LingeringWriter} behind its writer. Only Tyrus's service-provider interface is used: the upgrade, the
 * connection, its read handler and its writer are wrapped, nothing else.
 * <p>
 * A refused frame is logged on one line, at most once every 10 s for the whole server, with how many were left out
 * (a client can send them as fast as it likes).
 */
final class GuardedEngine implements WebSocketEngine {
    /** How long a refused connection may go on sending before it is cut off. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(GuardedEngine.class.getName());

    private final WebSocketEngine tyrus;
    private final int maxMessage;
    private final Supplier<ScheduledExecutorService> timer;
    private final LogLimiter refusals = new LogLimiter(LOG, Duration.ofSeconds(10));

    /**
     * @param tyrus      the engine that handles the upgrade and the frames
     * @param maxMessage the longest data frame, or fragmented message, a client may send; longer ones close 1009
     * @param timer      cuts off a refused connection that goes on sending (asked for only then)
     */
    GuardedEngine(WebSocketEngine tyrus, int maxMessage, Supplier<ScheduledExecutorService> timer) {
        this.tyrus = tyrus;
        this.maxMessage = maxMessage;
        this.timer = timer;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        UpgradeInfo upgraded = tyrus.upgrade(request, response);
        if (upgraded.getStatus() != UpgradeStatus.SUCCESS) {
            return upgraded;
        }
        String from = request instanceof RequestContext context && context.getRemoteAddr() != null
                ? context.getRemoteAddr() : "?";
        return new UpgradeInfo() {
            @Override
            public UpgradeStatus getStatus() {
                return UpgradeStatus.SUCCESS;
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                LingeringWriter lingering = new LingeringWriter(writer);
                Control control = new Control(lingering);
                // The endpoint opens inside createConnection: it takes the writer to frame its messages itself, and
                // the control, whose guard is set once the connection exists.
                return UpgradeHandoff.during(new UpgradeHandoff.Transport(lingering, control), () -> {
                    GuardedConnection connection =
                            new GuardedConnection(upgraded.createConnection(lingering, closeListener), lingering, from);
                    control.attach(connection.guard);
                    return connection;
                });
            }
        };
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
        tyrus.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
        tyrus.register(serverConfig, contextPath);
    }

    /** Stops a connection's reading at its guard, and has its writer linger at the close. */
    private final class Control implements UpgradeHandoff.Control {
        private final LingeringWriter writer;
        private volatile FrameGuard guard;
        private volatile Consumer<String> textSink;

        Control(LingeringWriter writer) {
            this.writer = writer;
        }

        /** The connection's guard exists now (the endpoint opened before it did). */
        void attach(FrameGuard attached) {
            guard = attached;
            Consumer<String> sink = textSink;
            if (sink != null) {
                attached.readTextInto(sink);
            }
        }

        @Override
        public void readTextInto(Consumer<String> sink) {
            textSink = sink;
            FrameGuard g = guard;
            if (g != null) {
                g.readTextInto(sink);
            }
        }

        @Override
        public void stopReading() {
            FrameGuard g = guard;
            if (g != null) {
                g.stop();
            }
        }

        @Override
        public void lingerOnClose() {
            try {
                writer.linger(timer.get(), LINGER);
            } catch (RejectedExecutionException e) {
                // the server is stopping: close at once
            }
        }
    }

    /** Tyrus's connection, read through a guard. */
    private final class GuardedConnection implements Connection {
        private final Connection tyrus;
        private final FrameGuard guard;

        GuardedConnection(Connection tyrus, LingeringWriter writer, String from) {
            this.tyrus = tyrus;
            this.guard = new FrameGuard(tyrus.getReadHandler(), maxMessage, reason -> {
                refusals.log(System.Logger.Level.INFO, "refused a WebSocket frame from {0}: {1} (close {2})", from,
                        reason.getReasonPhrase(), Integer.toString(reason.getCloseCode().getCode()));
                writer.linger(timer.get(), LINGER);
                tyrus.close(reason);
            }, writer::finish);
        }

        @Override
        public ReadHandler getReadHandler() {
            return guard;
        }

        @Override
        public Writer getWriter() {
            return tyrus.getWriter();
        }

        @Override
        public CloseListener getCloseListener() {
            return tyrus.getCloseListener();
        }

        @Override
        public void close(CloseReason reason) {
            tyrus.close(reason);
        }
    }
}
