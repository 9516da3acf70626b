package dev.parley.desktop.media;

import dev.parley.client.ChatException;
import dev.parley.client.ChatRestException;
import dev.parley.desktop.service.ErrorMessages;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sentences for what goes wrong with images and files: an upload refused or broken off, a download that failed, a
 * file that cannot be read or written. Codes are the SDK's ({@code ChatException#code()}); other codes fall back to
 * {@link ErrorMessages#describeCode}. Never a stack trace. Any thread (pure functions).
 */
final class MediaErrors {
    private MediaErrors() {
    }

    /** Why {@code name} was not sent. */
    static String describeUpload(Throwable failure, String name) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case 400 -> "“" + name + "” could not be read.";
                case 405 -> "“" + name + "” is larger than the server takes.";
                case 401, 402 -> "The server refused “" + name + "”.";
                case -1 -> "The upload of “" + name + "” stalled. Please try again.";
                case 16, 39, 510 -> "“" + name + "” was not sent: you are not connected.";
                case 204 -> "“" + name + "” was not sent: there is no such user.";
                case 602, 605 -> "“" + name + "” was not sent: you are not in this group.";
                default -> "“" + name + "” was not sent. " + ErrorMessages.describeCode(chat.code(), "");
            };
        }
        return "“" + name + "” was not sent.";
    }

    /** Why {@code name} could not be downloaded or saved. */
    static String describeDownload(Throwable failure, String name) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatRestException rest && (rest.httpStatus() == 404 || rest.code() == 400)) {
            return "“" + name + "” is no longer on the server.";
        }
        if (cause instanceof ChatException chat) {
            return switch (chat.code()) {
                case 401 -> "The server refused the download of “" + name + "”.";
                case 403 -> "“" + name + "” could not be written to the disk.";
                case -1 -> "The download of “" + name + "” stalled. Please try again.";
                case 16, 39, 510 -> "“" + name + "” could not be downloaded: you are not connected.";
                default -> "“" + name + "” could not be downloaded. " + ErrorMessages.describeCode(chat.code(), "");
            };
        }
        if (cause instanceof java.io.IOException) {
            return "“" + name + "” could not be written to the disk.";
        }
        return "“" + name + "” could not be downloaded.";
    }

    /** The cause under the wrappers of futures. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
