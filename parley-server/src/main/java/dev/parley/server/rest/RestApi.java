package dev.parley.server.rest;

import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.AppKey;
import dev.parley.server.account.Accounts;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.session.ChatSessions;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The REST API of PROTOCOL.md under {@code /{org}/{app}}: JAX-RS resources served by Jersey ({@link AccountResource},
 * {@link UserResource}, {@link HealthResource}) behind a front of our own on the Grizzly listener that also carries
 * the WebSocket endpoint. Errors are {@code {"error","error_description","timestamp"}} with Agora's error names
 * ({@link Failures}, {@link ErrorMappers}).
 * <p>
 * The front decides how a request reaches Jersey, on the selector thread, without blocking:
 * <ul>
 * <li>a body of any type but {@code multipart/*} is read first, without a thread ({@link BodyReader}): at most
 * {@value #MAX_BODY} bytes (413), complete within the body timeout (408); only then does the request take a thread
 * of the REST executor, so slow clients hold none;</li>
 * <li>a {@code multipart/*} or {@code image/*} body (an upload, an avatar) is streamed to the resource on the upload executor ({@link BodyStream},
 * {@link Uploads}): it must have a Content-Length (411 otherwise), is refused with 413 at once when that is over the
 * upload limit and its overhead, or once its file passes the limit, and its connection is closed when it is not
 * complete within the upload timeout;</li>
 * <li>a request without a body goes straight to the REST executor.</li>
 * </ul>
 * Both executors are bounded: when one is full the answer is 503 {@code service_unavailable}. Resources that hash
 * passwords return a stage completed on the accounts' own pool, so they hold no REST thread meanwhile.
 */
public final class RestApi extends HttpHandler {
    private static final RequestExecutorProvider SAME_THREAD = new RequestExecutorProvider.SameThreadProvider();

    /** Largest request body read whole (JSON). */
    static final int MAX_BODY = 64 * 1024;
    /** The largest upload by default: the file itself (PROTOCOL.md v2: chat files up to 10 MB). */
    public static final long DEFAULT_MAX_UPLOAD = 10L * 1024 * 1024;
    /** How long an upload may take by default, from its headers to its last byte. */
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofMinutes(2);
    /** What a multipart body may carry besides its file: boundaries, part headers, small fields. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final JerseyBridge jersey;
    private final Executor executor;
    private final Executor uploads;
    private final ScheduledExecutorService timers;
    private final Duration bodyTimeout;
    private final Duration uploadTimeout;
    private final long maxStreamed;

    /**
     * The API of PROTOCOL.md.
     *
     * @param logins        the token grants each remote address may ask for ({@code 429 reach_limit} beyond)
     * @param registrations the registrations each remote address may ask for ({@code 429 reach_limit} beyond)
     * @param executor      runs requests (and the store reads of the GET endpoints); bounded, throws
     *                      {@link java.util.concurrent.RejectedExecutionException} when full
     * @param uploads       runs requests whose body is streamed (uploads); bounded likewise
     * @param timers        runs the body deadlines
     * @param bodyTimeout   how long a JSON body may take to arrive after its headers
     */
    public RestApi(AppKey appKey, TokenVerifier verifier, MessageStore store, Accounts accounts,
                   boolean openRegistration, RateLimiter logins, RateLimiter registrations, Executor executor,
                   Executor uploads, ScheduledExecutorService timers, Duration bodyTimeout, Chat chat) {
        this(appKey, resources(verifier, store, accounts, openRegistration, logins, registrations, chat), executor,
                uploads, timers, bodyTimeout, chat.maxUpload(), DEFAULT_UPLOAD_TIMEOUT);
    }

    /**
     * What the version 2 endpoints need beside the store: the writer (group and profile changes), the sessions
     * (delivering what they change, and the one message mapping), the blob store, the limits, and the app's REST base
     * URL once the server listens.
     */
    public record Chat(GroupCommitWriter writer, ChatSessions sessions, BlobStore blobs, long maxUpload,
                       long maxAvatar, Supplier<String> appUrl) {
    }

    /** An API of the given resources (tests add their own), with the front and the error mapping of the real one. */
    RestApi(AppKey appKey, List<Object> resources, Executor executor, Executor uploads,
            ScheduledExecutorService timers, Duration bodyTimeout, long maxUpload, Duration uploadTimeout) {
        this.jersey = new JerseyBridge(config(appKey, resources));
        this.executor = executor;
        this.uploads = uploads;
        this.timers = timers;
        this.bodyTimeout = bodyTimeout;
        this.uploadTimeout = uploadTimeout;
        this.maxStreamed = maxUpload + MULTIPART_OVERHEAD;
    }

    /**
     * Loads and initialises Jersey and hk2 (about 1,500 classes) on a thread of its own, so that the server's start
     * can open its store meanwhile: building the real API afterwards takes a fraction of the time. Returns when the
     * thread has ended.
     */
    public static CompletableFuture<Void> preload() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("parley-rest-preload").start(() -> {
            try {
                new JerseyBridge(config(new AppKey("preload", "preload"), List.of(new HealthResource())));
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static List<Object> resources(TokenVerifier verifier, MessageStore store, Accounts accounts,
                                          boolean openRegistration, RateLimiter logins, RateLimiter registrations,
                                          Chat chat) {
        BearerAuth auth = new BearerAuth(verifier);
        return List.of(new HealthResource(), new AccountResource(accounts, auth, openRegistration, logins, registrations),
                new UserResource(store, auth, chat.sessions(), chat.writer(), chat.blobs(), chat.maxAvatar(),
                        chat.appUrl()),
                new GroupResource(store, chat.writer(), chat.sessions(), auth),
                new FileResource(chat.blobs(), auth, chat.maxUpload()));
    }

    /**
     * Jersey's configuration: the resources and our providers, registered as instances (no scanning, no
     * auto-discovered features, no WADL); answers up to 64 KB get a Content-Length.
     */
    private static ResourceConfig config(AppKey appKey, List<Object> resources) {
        ResourceConfig config = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true)
                .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 64 * 1024)
                .register(new AppPaths(appKey))
                .register(new RequireJson())
                .register(new JsonBodies())
                .register(new ErrorMappers.Failed())
                .register(new ErrorMappers.Refused());
        resources.forEach(config::register);
        return config;
    }

    /** Service runs on the selector thread: it never blocks, it hands the work on (see the class comment). */
    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return SAME_THREAD;
    }

    /**
     * {@code Expect: 100-continue}: an upload that its headers alone refuse (larger than any upload may be) is not
     * asked for. Its 413 comes at once and the client never sends the body, instead of having its write cut off when
     * the connection closes after the answer (the SDK's uploads ask this way). Every other body is asked for, as
     * Grizzly does.
     */
    @Override
    protected boolean sendAcknowledgment(Request request, Response response) throws java.io.IOException {
        String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        boolean upload = type.startsWith("multipart/") || type.startsWith("image/");
        if (upload && request.getContentLengthLong() > maxStreamed) {
            return true; // service answers 413 without reading the body
        }
        return super.sendAcknowledgment(request, response);
    }

    @Override
    public void service(Request request, Response response) {
        // A request that offers to upgrade the connection (the JDK's HttpClient offers h2c) is never upgraded here,
        // but Grizzly marks it to be answered raw: without the Content-Type and Connection headers it adds itself.
        request.getRequest().setIgnoreContentModifiers(false);
        Exchange exchange = new Exchange(request, response);
        try {
            long declared = request.getContentLengthLong();
            boolean body = declared > 0 || (declared < 0 && request.getRequest().isChunked());
            String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            if (body && (type.startsWith("multipart/") || type.startsWith("image/"))) {
                if (declared < 0) {
                    throw new HttpError(411, "length_required", "an upload must have a Content-Length");
                }
                if (declared > maxStreamed) {
                    throw HttpError.tooLarge(maxStreamed);
                }
                exchange.holdSelectorReads();
                exchange.run(uploads, () -> {
                    exchange.deadline(timers.schedule(() -> exchange.cut(uploadTimeout), uploadTimeout.toMillis(),
                            TimeUnit.MILLISECONDS));
                    jersey.handle(exchange, new BodyStream(exchange, declared, maxStreamed));
                });
            } else if (body) {
                BodyReader.read(exchange, MAX_BODY, timers, bodyTimeout,
                        bytes -> exchange.run(executor, () -> jersey.handle(exchange, new ByteArrayInputStream(bytes))));
            } else {
                exchange.run(executor, () -> jersey.handle(exchange, InputStream.nullInputStream()));
            }
        } catch (RuntimeException e) {
            exchange.fail(e);
        }
    }
}
