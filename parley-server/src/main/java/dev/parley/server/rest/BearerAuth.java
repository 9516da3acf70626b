package dev.parley.server.rest;

import dev.parley.protocol.token.TokenException;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.UserIds;
import java.util.Optional;

/**
 * Who a REST request's bearer token speaks for: 401 {@code unauthorized} when it is missing or does not verify. Each
 * check takes the request's {@code Authorization} header, or null when it has none.
 */
final class BearerAuth {
    private final TokenVerifier verifier;

    BearerAuth(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The user of a {@code /users/{user}/…} path, if the bearer token is that user's or the app's. */
    String pathUser(String authorization, String pathUser) {
        String user = UserIds.normalize(pathUser)
                .orElseThrow(() -> new HttpError(404, "not_found", "no such user"));
        userOrApp(authorization, Optional.of(user));
        return user;
    }

    /** The user whose token this is (a user token of this app only). */
    String user(String authorization) {
        try {
            String id = verifier.verifyUser(bearer(authorization)).userId();
            return dev.parley.server.UserIds.normalize(id)
                    .orElseThrow(() -> new HttpError(401, "unauthorized", "the token names no valid user"));
        } catch (TokenException e) {
            throw new HttpError(401, "unauthorized", e.getMessage());
        }
    }

    /** Any user's token of this app, or the app's token. */
    void anyUser(String authorization) {
        userOrApp(authorization, Optional.empty());
    }

    /** The app's token only. */
    void app(String authorization) {
        try {
            verifier.verifyApp(bearer(authorization));
        } catch (TokenException e) {
            throw new HttpError(401, "unauthorized", "registration needs an app token: " + e.getMessage());
        }
    }

    private void userOrApp(String authorization, Optional<String> user) {
        String token = bearer(authorization);
        try {
            if (user.isPresent()) {
                verifier.verifyUser(token, user.get());
            } else {
                verifier.verifyUser(token);
            }
        } catch (TokenException userFailure) {
            try {
                verifier.verifyApp(token);
            } catch (TokenException appFailure) {
                throw new HttpError(401, "unauthorized", userFailure.getMessage());
            }
        }
    }

    private static String bearer(String authorization) {
        String header = Optional.ofNullable(authorization).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(401, "unauthorized", "missing bearer token");
        }
        return header.substring(7).trim();
    }
}
