package dev.parley.desktop.service;

/** How a user proves who they are. */
public enum SignInMethod {
    /** An AccessToken2 chat user token, as in Agora's quickstart; the user renews it by pasting a new one. */
    TOKEN,
    /** A password, exchanged for tokens through the server's REST API; the SDK renews the session by itself. */
    PASSWORD
}
