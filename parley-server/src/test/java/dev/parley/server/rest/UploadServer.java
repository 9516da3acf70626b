package dev.parley.server.rest;

import dev.parley.server.AppKey;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * A REST front like the server's (same-thread Grizzly listener, {@link RestApi} with its bounded pools) whose only
 * resource takes uploads through {@link Uploads}: {@code POST /upload} with a multipart body answers
 * {@code {"size","filename","contentType","stored"}}. For tests of the upload building block, which no production
 * endpoint uses yet.
 */
public final class UploadServer implements AutoCloseable {
    private final HttpServer http;
    private final ThreadPoolExecutor rest = pool("test-rest");
    private final ThreadPoolExecutor uploads = pool("test-upload");
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    /** The test resource: stores the {@code file} part and says what it stored. */
    @Path("upload")
    public static final class UploadProbe {
        private final Uploads uploads;

        UploadProbe(Uploads uploads) {
            this.uploads = uploads;
        }

        @POST
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        public Response upload(@Context ContainerRequest request) {
            Uploads.Upload u = uploads.save(request);
            return Answers.json(JsonBodies.JSON.createObjectBuilder()
                    .add("size", u.size())
                    .add("filename", u.filename())
                    .add("contentType", u.contentType())
                    .add("stored", u.file().getFileName().toString())
                    .build());
        }
    }

    /**
     * Starts one on 127.0.0.1 and a free port.
     *
     * @param dir   where uploads are stored
     * @param limit the largest file accepted
     */
    public UploadServer(java.nio.file.Path dir, long limit) throws IOException {
        this(dir, limit, Duration.ofSeconds(30));
    }

    /**
     * One whose transport's blocking reads time out after {@code readTimeout} (Grizzly's default, and the server's,
     * is 30 s).
     */
    public UploadServer(java.nio.file.Path dir, long limit, Duration readTimeout) throws IOException {
        http = new HttpServer();
        NetworkListener listener = new NetworkListener("upload-test", "127.0.0.1", 0);
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setReadTimeout(readTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .setIOStrategy(SameThreadIOStrategy.getInstance()).build());
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(new RestApi(new AppKey("parley", "chat"),
                List.of(new UploadProbe(new Uploads(dir, limit))), rest, uploads, timers, Duration.ofSeconds(10),
                limit, Duration.ofSeconds(60)), "/");
        http.getServerConfiguration().setJmxEnabled(false);
        http.start();
    }

    public int port() {
        return http.getListener("upload-test").getPort();
    }

    private static ThreadPoolExecutor pool(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(16), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }

    @Override
    public void close() {
        http.shutdownNow();
        rest.shutdownNow();
        uploads.shutdownNow();
        timers.shutdownNow();
    }
}
