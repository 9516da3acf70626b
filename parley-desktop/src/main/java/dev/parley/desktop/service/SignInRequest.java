package dev.parley.desktop.service;

import java.util.Locale;
import java.util.Objects;

/**
 * What a sign-in needs. {@link #toString()} never shows the secret.
 *
 * @param serverUrl the WebSocket address, {@code ws://host:port/websocket}
 * @param appKey    the app key, {@code org#app}
 * @param user      the user id (case does not matter)
 * @param method    token or password
 * @param secret    the token or the password
 */
public record SignInRequest(String serverUrl, String appKey, String user, SignInMethod method, String secret) {
    /** Checks that no component is null and trims the address, app key and user. */
    public SignInRequest {
        serverUrl = Objects.requireNonNull(serverUrl, "serverUrl").strip();
        appKey = Objects.requireNonNull(appKey, "appKey").strip();
        user = Objects.requireNonNull(user, "user").strip();
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(secret, "secret");
    }

    /** The user id as the server knows it (lowercase). */
    public String canonicalUser() {
        return user.toLowerCase(Locale.ROOT);
    }

    /** This request with another secret (a renewed token). */
    public SignInRequest withSecret(String newSecret) {
        return new SignInRequest(serverUrl, appKey, user, method, newSecret);
    }

    @Override
    public String toString() {
        return "SignInRequest[" + serverUrl + ", " + appKey + ", " + user + ", " + method + "]";
    }
}
