package dev.parley.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link ChatClient} reaches its server and how patient it is. Build with {@link #builder()}; immutable.
 *
 * @param appKey                   the app key {@code org#app}
 * @param url                      the WebSocket address, {@code ws://host:port/websocket} (or {@code wss://})
 * @param apiUrl                   the REST address, {@code http://host:port} (or {@code https://})
 * @param heartbeatInterval        how often a {@code ping} is sent; two intervals without any frame from the server
 *                                 count as a lost connection. Default 30 s
 * @param autoReconnectMaxAttempts how many reconnect attempts follow a lost connection (Agora's
 *                                 {@code autoReconnectNumMax}); 0 disables reconnecting. Default
 *                                 {@link #RECONNECT_FOREVER}: a messenger keeps trying (Agora's SDK stops after 5)
 * @param sendTimeout              how long a send (counted from the {@code send} call), a login or a token renewal
 *                                 may wait for the server's answer. Default 15 s
 * @param restTimeout              how long a REST call may take. Default 15 s
 * @param deviceId                 this device's id, sent at login. Default: random
 * @param reconnectPolicy          the reconnect schedule. Default {@link ReconnectPolicy#standard()}
 * @param connectTimeout           how long opening the WebSocket (TCP, TLS and the HTTP upgrade) may take before the
 *                                 attempt fails; also bounds an attempt whose connection the server drops during the
 *                                 upgrade, which the WebSocket library does not report. Default 10 s
 * @param requestSettleTime        how long a recall, edit, conversation read acknowledgement, typing indication or
 *                                 presence request waits for an error from the server before it counts as accepted
 *                                 (the server answers success with nothing; see {@link ChatManager}). Default 2 s
 */
public record ChatOptions(String appKey, URI url, URI apiUrl, Duration heartbeatInterval, int autoReconnectMaxAttempts,
                          Duration sendTimeout, Duration restTimeout, String deviceId,
                          ReconnectPolicy reconnectPolicy, Duration connectTimeout, Duration requestSettleTime) {
    /** Default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** Reconnect attempts without end (until a code after which retrying cannot help, or close). */
    public static final int RECONNECT_FOREVER = Integer.MAX_VALUE;
    /** Default number of reconnect attempts: {@link #RECONNECT_FOREVER}. */
    public static final int DEFAULT_RECONNECT_ATTEMPTS = RECONNECT_FOREVER;
    /** Default send, login and renewal timeout. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(15);
    /** Default REST timeout. */
    public static final Duration DEFAULT_REST_TIMEOUT = Duration.ofSeconds(15);
    /** Default WebSocket connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a version 2 request waits for an error before it counts as accepted. */
    public static final Duration DEFAULT_REQUEST_SETTLE_TIME = Duration.ofSeconds(2);

    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException "Invalid appKey" unless the app key is exactly two non-empty {@code #}-separated
     *                                  parts; or for a bad address scheme, a non-positive duration, a negative attempt
     *                                  count or a blank device id
     */
    public ChatOptions {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(restTimeout, "restTimeout");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestSettleTime, "requestSettleTime");
        appKeyParts(appKey);
        requireScheme("url", url, "ws", "wss");
        requireScheme("apiUrl", apiUrl, "http", "https");
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("sendTimeout", sendTimeout);
        requirePositive("restTimeout", restTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestSettleTime", requestSettleTime);
        if (autoReconnectMaxAttempts < 0) {
            throw new IllegalArgumentException("autoReconnectMaxAttempts must not be negative");
        }
        if (deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId must not be blank");
        }
    }

    /** A builder with the defaults; {@code appKey} and {@code url} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The organisation part of the app key. */
    public String orgName() {
        return appKeyParts(appKey)[0];
    }

    /** The app part of the app key. */
    public String appName() {
        return appKeyParts(appKey)[1];
    }

    private static String[] appKeyParts(String appKey) {
        String[] parts = appKey.split("#", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("Invalid appKey");
        }
        return parts;
    }

    private static void requireScheme(String name, URI uri, String plain, String secure) {
        String scheme = uri.getScheme();
        if (!(plain.equalsIgnoreCase(scheme) || secure.equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be a " + plain + "://host[:port]… or " + secure
                    + "://… address");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds {@link ChatOptions}. Not thread-safe. */
    public static final class Builder {
        private String appKey;
        private URI url;
        private URI apiUrl;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int autoReconnectMaxAttempts = DEFAULT_RECONNECT_ATTEMPTS;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private Duration restTimeout = DEFAULT_REST_TIMEOUT;
        private String deviceId = UUID.randomUUID().toString();
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.standard();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestSettleTime = DEFAULT_REQUEST_SETTLE_TIME;

        private Builder() {
        }

        /** The app key {@code org#app} (required). */
        public Builder appKey(String appKey) {
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            return this;
        }

        /** The WebSocket address (required). */
        public Builder url(URI url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The WebSocket address (required), such as {@code ws://127.0.0.1:8080/websocket}. */
        public Builder url(String url) {
            return url(URI.create(Objects.requireNonNull(url, "url")));
        }

        /** The REST address; by default the WebSocket's host and port with {@code http}/{@code https}. */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
            return this;
        }

        /** The REST address, such as {@code http://127.0.0.1:8080}. */
        public Builder apiUrl(String apiUrl) {
            return apiUrl(URI.create(Objects.requireNonNull(apiUrl, "apiUrl")));
        }

        /** The heartbeat interval (default 30 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How many reconnect attempts follow a loss (default {@link #RECONNECT_FOREVER}; 0 disables reconnecting). */
        public Builder autoReconnectMaxAttempts(int attempts) {
            this.autoReconnectMaxAttempts = attempts;
            return this;
        }

        /** The send, login and renewal timeout (default 15 s). */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The REST timeout (default 15 s). */
        public Builder restTimeout(Duration timeout) {
            this.restTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** This device's id (default random). */
        public Builder deviceId(String deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            return this;
        }

        /** The reconnect schedule (default {@link ReconnectPolicy#standard()}). */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long opening the WebSocket may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long a version 2 request waits for an error before it counts as accepted (default 2 s). */
        public Builder requestSettleTime(Duration settleTime) {
            this.requestSettleTime = Objects.requireNonNull(settleTime, "settleTime");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalStateException    if the app key or the url was not set
         * @throws IllegalArgumentException if a value is invalid (see {@link ChatOptions})
         */
        public ChatOptions build() {
            if (appKey == null) {
                throw new IllegalStateException("appKey is required");
            }
            if (url == null) {
                throw new IllegalStateException("url is required");
            }
            URI api = apiUrl != null ? apiUrl : defaultApiUrl(url);
            return new ChatOptions(appKey, url, api, heartbeatInterval, autoReconnectMaxAttempts, sendTimeout,
                    restTimeout, deviceId, reconnectPolicy, connectTimeout, requestSettleTime);
        }

        private static URI defaultApiUrl(URI ws) {
            String scheme = "wss".equalsIgnoreCase(ws.getScheme()) ? "https" : "http";
            return URI.create(scheme + "://" + ws.getRawAuthority());
        }
    }
}
