package dev.parley.server.http;

import dev.parley.server.limit.LogLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

/**
 * Guards the listener at the connection level, before any handler runs, for HTTP and WebSocket alike:
 * <ul>
 * <li><b>connections per address:</b> at most {@code maxPerAddress} TCP connections from one remote address that are
 * not WebSocket sessions (counted from accept until they close or are upgraded; sessions are counted by the endpoint's
 * own gate). One more gets a 503 and is closed before anything is read from it.</li>
 * <li><b>header deadline:</b> a request's headers must be complete {@code headerTimeout} after its first byte, however
 * slowly they trickle in (a byte a second does not extend it); otherwise the connection is closed.</li>
 * <li><b>origin:</b> a request or WebSocket upgrade whose {@code Origin} the {@link OriginPolicy} refuses gets 403
 * and the connection is closed, before Tyrus or the REST handler sees it.</li>
 * <li><b>reason phrases:</b> responses of a status Grizzly does not know (426 from Tyrus, 429) get the standard
 * phrase instead of "CUSTOM".</li>
 * <li><b>keep-alive:</b> Grizzly's keep-alive idle timeout sits below the WebSocket filter and would close a quiet
 * WebSocket session too; an upgraded connection is exempted from it (the endpoint's idle timeout governs it).</li>
 * </ul>
 * Two filters share one {@link State} per connection: one right after the transport (it sees raw bytes, so the first
 * byte of a request) and one after the HTTP codec, before the WebSocket filter (it sees parsed requests and every
 * response).
 * <p>
 * Threading: the filters run on selector threads and never block; the deadline sweeper runs on the timer thread.
 */
public final class HttpGuard implements AddOn, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpGuard.class.getName());
    private static final Attribute<State> STATE = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            HttpGuard.class.getName() + ".state");
    /** Set on a request once it has been checked, so that each request is checked exactly once. */
    private static final String CHECKED = HttpGuard.class.getName() + ".checked";

    private final LogLimiter tooManyLog = new LogLimiter(LOG, Duration.ofSeconds(10));
    private final LogLimiter slowHeadersLog = new LogLimiter(LOG, Duration.ofSeconds(10));
    private final LogLimiter originLog = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final int maxPerAddress;
    private final long headerTimeoutNanos;
    private final OriginPolicy origins;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final Set<State> awaitingHeaders = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    /**
     * @param maxPerAddress plain HTTP connections one address may hold open
     * @param headerTimeout the longest a request's headers may take from its first byte
     * @param origins       which {@code Origin}s are served
     * @param timers        runs the header-deadline sweep (a few times per deadline)
     */
    public HttpGuard(int maxPerAddress, Duration headerTimeout, OriginPolicy origins,
                     ScheduledExecutorService timers) {
        this.maxPerAddress = maxPerAddress;
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.origins = origins;
        long period = Math.max(50, Math.min(1000, headerTimeout.toMillis() / 4));
        this.sweeper = timers.scheduleWithFixedDelay(this::closeSlowHeaders, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(TransportFilter.class) + 1, new TransportSide());
        // Before HttpServerFilter, and before the WebSocket filter if it is registered after this add-on.
        builder.add(builder.indexOfType(HttpServerFilter.class), new HttpSide());
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }

    // ---- the connection's state -------------------------------------------------------------------------------------

    private enum Phase {
        /** Between requests: the next byte starts a request, and its header deadline. */
        IDLE,
        /** The first byte of a request has come, its headers are not complete. */
        HEADERS,
        /** Headers complete; the request is being read or answered. */
        REQUEST,
        /** A WebSocket session now: nothing here applies any more. */
        UPGRADED
    }

    private final class State {
        final Connection<?> connection;
        final String address;
        final AtomicReference<Phase> phase = new AtomicReference<>(Phase.IDLE);
        final AtomicBoolean counted = new AtomicBoolean(true);
        volatile long headersStarted;

        State(Connection<?> connection, String address) {
            this.connection = connection;
            this.address = address;
        }

        /** Stops counting this connection against its address (closed or upgraded); idempotent. */
        void release() {
            if (counted.compareAndSet(true, false)) {
                open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private boolean admit(String address) {
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < maxPerAddress;
            return admitted[0] ? count + 1 : n;
        });
        return admitted[0];
    }

    private void closeSlowHeaders() {
        long now = System.nanoTime();
        for (State s : awaitingHeaders) {
            if (s.phase.get() == Phase.HEADERS && now - s.headersStarted > headerTimeoutNanos) {
                awaitingHeaders.remove(s);
                slowHeadersLog.log(System.Logger.Level.WARNING,
                        "closed a connection from {0}: request headers not complete within {1} ms of their first byte",
                        s.address, TimeUnit.NANOSECONDS.toMillis(headerTimeoutNanos));
                s.connection.closeSilently();
            }
        }
    }

    private static String address(Connection<?> connection) {
        return connection.getPeerAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(connection.getPeerAddress());
    }

    // ---- the filters --------------------------------------------------------------------------------------------

    /** Right after the transport: counts connections, and notes the first byte of each request. */
    private final class TransportSide extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            String address = address(connection);
            if (!admit(address)) {
                tooManyLog.log(System.Logger.Level.WARNING,
                        "refused a connection from {0}: it has {1} HTTP connections open", address, maxPerAddress);
                byte[] body = HttpAnswers.errorBody("service_unavailable",
                        "too many connections from your address, try again later");
                String head = "HTTP/1.1 503 " + HttpAnswers.reasonPhrase(503) + "\r\nContent-Type: application/json"
                        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
                Buffer buffer = Buffers.wrap(connection.getMemoryManager(), concat(head8, body));
                ctx.write(buffer, closeWhenWritten(connection));
                return ctx.getStopAction();
            }
            State state = new State(connection, address);
            STATE.set(connection, state);
            connection.addCloseListener((GenericCloseListener) (closeable, type) -> {
                awaitingHeaders.remove(state);
                state.release();
            });
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            State state = STATE.get(ctx.getConnection());
            if (state != null && state.phase.get() == Phase.IDLE) {
                state.headersStarted = System.nanoTime();
                if (state.phase.compareAndSet(Phase.IDLE, Phase.HEADERS)) {
                    awaitingHeaders.add(state);
                }
            }
            return ctx.getInvokeAction();
        }
    }

    /** After the HTTP codec: sees each parsed request once, and every response. */
    private final class HttpSide extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (!(ctx.getMessage() instanceof HttpContent content)
                    || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                    || request.getAttribute(CHECKED) != null) {
                return ctx.getInvokeAction();
            }
            request.setAttribute(CHECKED, Boolean.TRUE);
            State state = STATE.get(ctx.getConnection());
            if (state != null) {
                if (state.phase.get() == Phase.UPGRADED) {
                    return ctx.getInvokeAction();
                }
                state.phase.set(Phase.REQUEST);
                awaitingHeaders.remove(state);
            }
            String origin = request.getHeader("Origin");
            if (origin != null && !origins.allows(origin, request.getHeader("Host"),
                    request.getHeader("X-Forwarded-Proto"), request.getHeader("X-Forwarded-Host"))) {
                String address = state == null ? address(ctx.getConnection()) : state.address;
                originLog.log(System.Logger.Level.WARNING, "refused {0} {1} from {2}: Origin {3} is not allowed",
                        request.getMethod(), request.getRequestURI(), address, origin);
                forbid(ctx, request, origin);
                return ctx.getStopAction();
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            Object message = ctx.getMessage();
            HttpHeader header = message instanceof HttpContent c ? c.getHttpHeader()
                    : message instanceof HttpHeader h ? h : null;
            if (!(header instanceof HttpResponsePacket response)) {
                return ctx.getInvokeAction();
            }
            int status = response.getStatus();
            if (!response.isCustomReasonPhraseSet() && HttpAnswers.knows(status)
                    && !HttpAnswers.reasonPhrase(status).equals(response.getReasonPhrase())) {
                response.setReasonPhrase(HttpAnswers.reasonPhrase(status));
            }
            State state = STATE.get(ctx.getConnection());
            if (state == null) {
                return ctx.getInvokeAction();
            }
            if (status == 101) {
                state.phase.set(Phase.UPGRADED);
                awaitingHeaders.remove(state);
                state.release();
                IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.MILLISECONDS);
            } else if (status >= 200 && message instanceof HttpContent c && c.isLast()) {
                state.phase.compareAndSet(Phase.REQUEST, Phase.IDLE);
            }
            return ctx.getInvokeAction();
        }

        private void forbid(FilterChainContext ctx, HttpRequestPacket request, String origin) {
            byte[] body = HttpAnswers.errorBody("forbidden", "requests from the web origin " + origin
                    + " are not allowed; the server admits its own origin and those in --allowed-origins");
            HttpResponsePacket response = request.getResponse();
            response.setStatus(403);
            response.setReasonPhrase(HttpAnswers.reasonPhrase(403));
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.setHeader("Connection", "close");
            Connection<?> connection = ctx.getConnection();
            HttpContent answer = HttpContent.builder(response)
                    .content(Buffers.wrap(connection.getMemoryManager(), body)).last(true).build();
            ctx.write(answer, closeWhenWritten(connection));
        }
    }

    private static CompletionHandler<WriteResult> closeWhenWritten(Connection<?> connection) {
        return new EmptyCompletionHandler<>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
