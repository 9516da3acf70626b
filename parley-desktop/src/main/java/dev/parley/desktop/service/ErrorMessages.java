package dev.parley.desktop.service;

import dev.parley.client.ChatException;
import dev.parley.client.ChatRestException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failures into sentences a user understands; a sentence about something typed names the field ("User ID: …",
 * "App key: …", "the token", "the server address"). Never includes a stack trace, a token or a password; the codes
 * are Agora Chat's, as the SDK reports them ({@link ChatException#code()}).
 */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * What went wrong while signing in or talking to the server.
     *
     * @param failure   the failure, possibly wrapped in a {@link CompletionException}
     * @param serverUrl the server's address, to name it when it cannot be reached
     */
    public static String describe(Throwable failure, String serverUrl) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatRestException rest) {
            return describeRest(rest, serverUrl);
        }
        if (cause instanceof ChatException chat) {
            return describeCode(chat.code(), serverUrl);
        }
        if (cause instanceof IllegalArgumentException invalid) {
            return describeInvalid(invalid);
        }
        return "Something went wrong. Please try again.";
    }

    /** Why a message to {@code peer} was not sent. */
    public static String describeSend(Throwable failure, String peer) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case 204 -> "There is no user named “" + peer + "”.";
                case -3 -> "The server refused this message.";
                case -1 -> "The message was not confirmed in time.";
                case 16, 39, 510 -> "The message was not sent: you are not connected.";
                default -> describeCode(chat.code(), "");
            };
        }
        return "The message was not sent.";
    }

    /** A sentence for an SDK or server error code. */
    public static String describeCode(int code, String serverUrl) {
        return switch (code) {
            case 1 -> "Wrong user name or password.";
            case 2, 28 -> "That token is not valid for this server.";
            case 56 -> "That token has expired. Get a new one and try again.";
            case 204 -> "User ID: there is no such user on this server.";
            case 27 -> "App key: this server does not serve it.";
            case 16 -> serverUrl.isEmpty() ? "The connection to the server was lost."
                    : "Cannot reach the server at " + serverUrl + ".";
            case -1 -> "The server did not answer in time.";
            case 39 -> "You are not signed in.";
            case 50 -> "Too many devices are signed in as this user.";
            case 500 -> "The server could not store that. Please try again.";
            case 509 -> "You are sending too fast. Wait a moment and try again.";
            case 510 -> "You are not connected, so nothing was sent.";
            case 511 -> "That message is too long (the limit is 5 KB).";
            case -3 -> "The server refused the request.";
            case 210 -> "Only its sender can change that message.";
            case 504 -> "It is too late to recall that message (the server allows it for a short while only).";
            case 600, 605 -> "That group does not exist (any more).";
            case 602 -> "You are not a member of that group.";
            case 603 -> "Only the group's owner or an admin can do that.";
            case 604 -> "That group is full.";
            default -> "Something went wrong (error " + code + ").";
        };
    }

    private static String describeRest(ChatRestException rest, String serverUrl) {
        return switch (rest.error()) {
            case "duplicate_unique_property_exists" -> "That user name is already taken.";
            case "illegal_argument" -> rest.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password")
                    ? "Password: use 6 to 128 characters."
                    : "User ID: use 1 to 64 characters of a–z, 0–9, '_', '-' and '.'.";
            case "organization_application_not_found" -> "App key: this server does not serve it.";
            default -> switch (rest.httpStatus()) {
                case 401 -> rest.code() == 1 ? "Wrong user name or password." : "The server did not accept you.";
                case 403 -> "Registration is closed on this server.";
                case 404 -> "User ID: there is no such user on this server.";
                case 429 -> "Too many attempts. Wait a moment and try again.";
                default -> rest.httpStatus() >= 500 ? "The server is busy. Please try again in a moment."
                        : describeCode(rest.code(), serverUrl);
            };
        };
    }

    private static String describeInvalid(IllegalArgumentException invalid) {
        String message = String.valueOf(invalid.getMessage());
        if (message.contains("appKey")) {
            return "The app key must look like org#app.";
        }
        if (message.contains("url") || message.contains("URI") || message.contains("scheme")) {
            return "The server address must look like ws://host:port/websocket.";
        }
        if (message.contains("user")) {
            return "User ID: use 1 to 64 characters of a–z, 0–9, '_', '-' and '.'.";
        }
        if (message.contains("token")) {
            return "Token: paste the whole token you were given.";
        }
        if (message.contains("password")) {
            return "Password: enter the password of this user ID.";
        }
        return "Server address or app key: check both (such as ws://127.0.0.1:7070/websocket and parley#chat).";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
