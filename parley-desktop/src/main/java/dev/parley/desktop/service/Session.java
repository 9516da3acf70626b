package dev.parley.desktop.service;

import dev.parley.client.ChatClient;

/**
 * One sign-in: the SDK client made for it and what it was made with. A session stops being current when the user
 * signs out or a new sign-in replaces it; results and events of a session that is not current are dropped.
 * FX thread only.
 */
final class Session {
    private final ChatClient client;
    private SignInRequest request;
    private boolean current = true;
    private boolean connectedBefore;

    Session(ChatClient client, SignInRequest request) {
        this.client = client;
        this.request = request;
    }

    ChatClient client() {
        return client;
    }

    SignInRequest request() {
        return request;
    }

    /** The signed-in user as the server knows them (lowercase). */
    String me() {
        return request.canonicalUser();
    }

    /** A new token was accepted: later sign-ins of this session (reconnect) use it. */
    void tokenRenewed(String token) {
        request = request.withSecret(token);
    }

    /** Records a connection; whether it was the first of this session. */
    boolean markConnected() {
        boolean first = !connectedBefore;
        connectedBefore = true;
        return first;
    }

    boolean isCurrent() {
        return current;
    }

    void end() {
        current = false;
    }
}
