package dev.parley.server.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.Providers;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * Hands a Grizzly request to Jersey and Jersey's answer back to the {@link Exchange}: a small container of our own
 * rather than Jersey's Grizzly container, so that the front decides how and on which thread a request reaches Jersey
 * (the body read first without a thread, or streamed), the Grizzly response stays suspended by the exchange across
 * asynchronous resources, and every answer ends through {@link Exchange#finish} (keep-alive or close).
 * <p>
 * Request URIs are resolved against a fixed base ({@code http://parley/}): the {@code Host} header says nothing to
 * routing, and a malformed one cannot break it. The client's address is a request property ({@link #remoteAddress}).
 * <p>
 * Threading: {@link #handle} runs on a worker thread; Jersey answers on that thread, or on whichever thread completes
 * an asynchronous resource's stage.
 */
final class JerseyBridge {
    private static final String REMOTE_ADDRESS = JerseyBridge.class.getName() + ".remoteAddress";
    private static final URI BASE = URI.create("http://parley/");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Held while Jersey's provider warnings are hushed (see the constructor). */
    private static final Object HUSHED = new Object();
    private static final SecurityContext ANONYMOUS = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    private final ApplicationHandler application;

    JerseyBridge(ResourceConfig config) {
        // Jersey 4.0.2 warns "does not implement any provider interfaces ... will be ignored" for every resource
        // registered as an instance, then uses it as a resource all the same (ResourceModelConfigurator checks the
        // instances as providers before it adds the resource instances back). Those warnings are hushed while the
        // application is built; anything more severe still shows.
        // The logger is the JVM's: two applications built at once (the preload and the server's) take turns.
        synchronized (HUSHED) {
            Logger providers = Logger.getLogger(Providers.class.getName());
            Level before = providers.getLevel();
            providers.setLevel(Level.SEVERE);
            try {
                this.application = new ApplicationHandler(config);
            } finally {
                providers.setLevel(before);
            }
        }
    }

    /** The remote address of the request Jersey serves ({@code ""} when unknown). */
    static String remoteAddress(ContainerRequest request) {
        return request.getProperty(REMOTE_ADDRESS) instanceof String address ? address : "";
    }

    /** Serves {@code exchange}'s request with {@code entity} as its body; answers through the exchange. */
    void handle(Exchange exchange, InputStream entity) {
        Request request = exchange.request();
        String raw = request.getRequestURI() + Optional.ofNullable(request.getQueryString()).map(q -> "?" + q)
                .orElse("");
        if (!raw.startsWith("/")) {
            throw new HttpError(400, "illegal_argument", "malformed request URI");
        }
        URI uri = URI.create("http://parley" + escape(raw));
        ContainerRequest jersey = new ContainerRequest(BASE, uri, request.getMethod().getMethodString(), ANONYMOUS,
                new MapPropertiesDelegate(), application.getConfiguration());
        jersey.setProperty(REMOTE_ADDRESS, Optional.ofNullable(request.getRemoteAddr()).orElse(""));
        jersey.setEntityStream(entity);
        for (String name : request.getHeaderNames()) {
            for (String value : request.getHeaders(name)) {
                jersey.header(name, name.equalsIgnoreCase("Content-Type") ? mediaType(value) : value);
            }
        }
        jersey.setWriter(new Writer(exchange));
        application.handle(jersey);
    }

    /**
     * The request URI as a valid URI: characters a URI may not hold, and a {@code %} that starts no escape, are
     * escaped, so that a sloppy client's path is matched (and refused by the resource, as before) instead of failing
     * the request.
     */
    static String escape(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean keep = c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0
                    || (c == '%' && hex(raw, i + 1) && hex(raw, i + 2)));
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (keep) {
                out.append(c);
            } else if (c < 256) {
                // Grizzly gives the request line's bytes one char each
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    private static boolean hex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    /**
     * The Content-Type as Jersey can read it. One Jersey cannot parse would fail the request with an empty 400; as
     * the REST API always did, one that {@link RequireJson} accepts (it starts {@code application/json}, and names no
     * charset but UTF-8) is taken for JSON, anything else for bytes of no known type (415 where JSON is expected).
     */
    static String mediaType(String value) {
        try {
            MediaType.valueOf(value);
            return value;
        } catch (IllegalArgumentException e) {
            try {
                RequireJson.check(value);
                return "application/json";
            } catch (HttpError notJson) {
                return "application/octet-stream";
            }
        }
    }

    /** Jersey's answer, written through the exchange. */
    private record Writer(Exchange exchange) implements ContainerResponseWriter {
        @Override
        public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
            return exchange.start(response.getStatus(), Optional.empty(), response.getStringHeaders(),
                    contentLength);
        }

        /** The Grizzly response is suspended already (by the exchange) and stays so until {@link #commit}. */
        @Override
        public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
            return true;
        }

        @Override
        public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
            // no resource sets one
        }

        @Override
        public void commit() {
            exchange.finish();
        }

        @Override
        public void failure(Throwable error) {
            exchange.fail(error); // answers unless an answer was begun already
            exchange.finish();
        }

        @Override
        public boolean enableResponseBuffering() {
            return true;
        }
    }
}
