package dev.parley.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may use this server. A browser adds {@code Origin} to every cross-origin request and to every
 * WebSocket upgrade, and a web page cannot forge it; so a page elsewhere that makes a visitor's browser register
 * users on, guess passwords against, or open a WebSocket to a server on localhost or the LAN is recognised by it.
 * <p>
 * A request without {@code Origin} is allowed (the SDK's HTTP client and non-browser tools send none). One with an
 * {@code Origin} is allowed when it is the server's own origin, or listed in {@code --allowed-origins}. The server's
 * own origin is the scheme, host and port the client addressed: the {@code Host} header, with the scheme {@code http};
 * behind a TLS-terminating proxy, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} when the proxy sets them.
 * Trusting those two headers is safe here: a web page cannot add them to a cross-origin request without a CORS
 * preflight this server never grants, nor to a WebSocket upgrade at all. The Tyrus client (the SDK) sends
 * {@code Origin: http://host:port} with the same host and port as its {@code Host}, which is the server's own.
 * <p>
 * Origins are compared normalised: lower-case scheme and host, the port explicit (80 for http, 443 for https).
 * {@code Origin: null} (sandboxed frames, files) is never allowed.
 * <p>
 * Threading: immutable.
 */
public final class OriginPolicy {
    private final Set<String> allowed;

    /** @param allowedOrigins origins allowed besides the server's own, each {@code http(s)://host[:port]} */
    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins.stream().map(OriginPolicy::normalize).toList());
    }

    /**
     * The normalised form of an origin: {@code scheme://host:port}, lower case, port explicit.
     *
     * @throws IllegalArgumentException when {@code origin} is not an http or https origin (no path, query or user)
     */
    public static String normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: " + origin);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> throw new IllegalArgumentException("not an http or https origin: " + origin);
        };
        boolean bare = uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                && uri.getRawFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/"));
        if (!bare) {
            throw new IllegalArgumentException("an origin is scheme://host[:port], not " + origin);
        }
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Whether a request may be served.
     *
     * @param origin         its {@code Origin} header, or null when it has none
     * @param host           its {@code Host} header, or null
     * @param forwardedProto its {@code X-Forwarded-Proto} header, or null
     * @param forwardedHost  its {@code X-Forwarded-Host} header, or null
     */
    public boolean allows(String origin, String host, String forwardedProto, String forwardedHost) {
        if (origin == null) {
            return true;
        }
        String asked;
        try {
            asked = normalize(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return allowed.contains(asked) || asked.equals(own(host, forwardedProto, forwardedHost));
    }

    private static String own(String host, String forwardedProto, String forwardedHost) {
        String scheme = first(forwardedProto);
        if (!"https".equalsIgnoreCase(scheme)) {
            scheme = "http";
        }
        String authority = first(forwardedHost);
        if (authority == null) {
            authority = first(host);
        }
        if (authority == null || authority.isEmpty()) {
            return "";
        }
        try {
            return normalize(scheme + "://" + authority);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The first of a comma-separated list of header values (proxies append theirs). */
    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
