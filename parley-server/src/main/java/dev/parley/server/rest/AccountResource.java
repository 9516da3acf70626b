package dev.parley.server.rest;

import dev.parley.server.account.Accounts;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.store.UserRecord;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Registration and the token grants of PROTOCOL.md: {@code POST /{org}/{app}/users} and {@code POST /{org}/{app}/token},
 * each rate-limited per remote address (429 {@code reach_limit}). Password hashing runs on the accounts' own bounded
 * pool: the methods return at once with a stage, and the answer is written by whichever thread completes it.
 */
@Path("{org}/{app}")
public final class AccountResource {
    private static final JsonProvider JSON = JsonBodies.JSON;

    private final Accounts accounts;
    private final BearerAuth auth;
    private final boolean openRegistration;
    private final RateLimiter logins;
    private final RateLimiter registrations;

    AccountResource(Accounts accounts, BearerAuth auth, boolean openRegistration, RateLimiter logins,
                    RateLimiter registrations) {
        this.accounts = accounts;
        this.auth = auth;
        this.openRegistration = openRegistration;
        this.logins = logins;
        this.registrations = registrations;
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequireJson.JsonBody
    public CompletionStage<Response> register(@Context ContainerRequest request,
                                              @HeaderParam("Authorization") String authorization, JsonObject body) {
        limit(registrations, request, "registrations");
        if (!openRegistration) {
            auth.app(authorization);
        }
        return accounts.register(text(body, "username"), text(body, "password"),
                optionalText(body, "nickname").orElse("")).thenApply(user -> Answers.json(registered(user)));
    }

    private static JsonObject registered(UserRecord user) {
        return JSON.createObjectBuilder()
                .add("entities", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("username", user.username())
                        .add("nickname", user.nickname())
                        .add("created", user.created())))
                .build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequireJson.JsonBody
    public CompletionStage<Response> token(@Context ContainerRequest request, JsonObject body) {
        limit(logins, request, "logins");
        Optional<Duration> ttl = body.get("ttl") instanceof JsonNumber n
                ? Optional.of(Duration.ofSeconds(n.longValue())) : Optional.empty();
        String grantType = text(body, "grant_type");
        return switch (grantType) {
            case "password" -> accounts.passwordGrant(text(body, "username"), text(body, "password"), ttl,
                    JerseyBridge.remoteAddress(request)).thenApply(grant -> Answers.json(granted(grant)));
            case "client_credentials" -> CompletableFuture.completedFuture(Answers.json(granted(
                    accounts.appGrant(text(body, "client_id"), text(body, "client_secret"), ttl))));
            default -> throw new HttpError(400, "illegal_argument", "unsupported grant_type: " + grantType);
        };
    }

    private static JsonObject granted(Accounts.Grant grant) {
        JsonObjectBuilder answer = JSON.createObjectBuilder()
                .add("access_token", grant.token())
                .add("expires_in", grant.lifetime().toSeconds());
        if (!grant.user().isEmpty()) {
            answer.add("user", JSON.createObjectBuilder().add("username", grant.user()));
        }
        return answer.build();
    }

    /** Answers 429 {@code reach_limit} when the request's remote address is over this limit. */
    private static void limit(RateLimiter limiter, ContainerRequest request, String what) {
        if (!limiter.tryAcquire(JerseyBridge.remoteAddress(request), System.nanoTime())) {
            throw new HttpError(429, "reach_limit", "too many " + what + " from your address, try again later");
        }
    }

    private static String text(JsonObject body, String field) {
        return optionalText(body, field)
                .orElseThrow(() -> new HttpError(400, "illegal_argument", "missing field: " + field));
    }

    private static Optional<String> optionalText(JsonObject body, String field) {
        return body.get(field) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }
}
