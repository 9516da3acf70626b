package dev.parley.bench.load;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Users and their tokens for a target. For durable Parley they are written into the data dir before the server
 * starts, by an in-process server on that dir ({@code ParleyServer.userToken}, as {@code parley-server token}
 * does), and the out-of-process server then reads the same app credentials and users. For a store that lives only
 * in the server process ({@code --store memory}) they are registered over REST and get their tokens from the
 * password grant (both slow on purpose: PBKDF2). A cluster's users are registered over REST too, but their tokens
 * are minted here from the app credentials the nodes were given ({@code AccessToken2}, as the server's own grant
 * mints them), which spares one PBKDF2 hash each. The relay takes any token.
 */
final class Users {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TTL = Duration.ofHours(6);

    private Users() {
    }

    /** One user and its token. */
    record Credential(String user, String token) {
    }

    /** Creates {@code names} in {@code dataDir} and mints their tokens; the data dir keeps the app credentials. */
    static List<Credential> inDataDir(Path dataDir, List<String> names) throws Exception {
        ServerConfig config = ServerConfig.builder().dataDir(dataDir).port(0).build();
        try (ParleyServer server = ParleyServer.start(config);
             ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Credential>> made = new ArrayList<>();
            for (String name : names) {
                made.add(pool.submit(() -> new Credential(name, server.userToken(name, TTL))));
            }
            List<Credential> out = new ArrayList<>();
            for (Future<Credential> f : made) {
                out.add(f.get());
            }
            return out;
        }
    }

    /** Registers {@code names} over REST on a running server and signs each in with the password grant. */
    static List<Credential> overRest(int port, String appKey, List<String> names) throws Exception {
        String base = "http://127.0.0.1:" + port + "/" + appKey.replace('#', '/');
        HttpClient http = HttpClient.newHttpClient();
        return inParallel(names, name -> {
            String password = "bench-" + name;
            post(http, base + "/users", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
            String body = post(http, base + "/token", "{\"grant_type\":\"password\",\"username\":\"" + name
                    + "\",\"password\":\"" + password + "\",\"ttl\":" + TTL.toSeconds() + "}");
            Matcher m = ACCESS_TOKEN.matcher(body);
            if (!m.find()) {
                throw new IOException("no token for " + name + ": " + body);
            }
            return new Credential(name, m.group(1));
        });
    }

    /**
     * Registers {@code names} over REST on a running server (each with a password, as a client would) and mints
     * their tokens from the server's app {@code credentials}.
     */
    static List<Credential> overRestSigned(int port, String appKey, AppCredentials credentials, List<String> names)
            throws Exception {
        String base = "http://127.0.0.1:" + port + "/" + appKey.replace('#', '/');
        HttpClient http = HttpClient.newHttpClient();
        return inParallel(names, name -> {
            post(http, base + "/users", "{\"username\":\"" + name + "\",\"password\":\"bench-" + name + "\"}");
            return new Credential(name, AccessToken2.buildUserToken(credentials, name, TTL, Clock.systemUTC()));
        });
    }

    /** One user's registration. */
    private interface Registration {
        Credential register(String name) throws Exception;
    }

    /** Runs {@code registration} for every name, 4 at a time, and returns the credentials in the names' order. */
    private static List<Credential> inParallel(List<String> names, Registration registration) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Credential>> made = new ArrayList<>();
            for (String name : names) {
                made.add(pool.submit(() -> registration.register(name)));
            }
            List<Credential> out = new ArrayList<>();
            for (Future<Credential> f : made) {
                out.add(f.get());
            }
            return out;
        }
    }

    /** Users for the relay, which checks no token. */
    static List<Credential> anyToken(List<String> names) {
        return names.stream().map(n -> new Credential(n, "relay")).toList();
    }

    private static String post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
