package dev.parley.desktop.profile;

import dev.parley.client.ChatException;
import dev.parley.client.ChatRestException;
import dev.parley.desktop.service.ErrorMessages;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The settings pane's rules and refusals as sentences that name their field: "Nickname: …", "Picture: …",
 * "Status: …". The nickname rule is the server's (1–64 characters, no control or text-direction characters), checked
 * here first so that most mistakes are told without a round trip. Stateless; any thread.
 */
final class ProfileErrors {
    /** The longest nickname and status line, in characters (code points). */
    static final int MAX_LENGTH = 64;

    private ProfileErrors() {
    }

    /** Why the server would refuse {@code nickname}, if it would. */
    static Optional<String> nicknameProblem(String nickname) {
        int length = nickname.codePointCount(0, nickname.length());
        if (nickname.isBlank()) {
            return Optional.of("Nickname: enter 1 to " + MAX_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Nickname: use at most " + MAX_LENGTH + " characters (this one has " + length + ").");
        }
        if (nickname.codePoints().anyMatch(ProfileErrors::refused)) {
            return Optional.of("Nickname: line breaks, control and text-direction characters are not allowed.");
        }
        return Optional.empty();
    }

    /** Why {@code status} cannot be published, if it cannot. */
    static Optional<String> statusProblem(String status) {
        int length = status.codePointCount(0, status.length());
        if (status.length() > MAX_LENGTH) {
            return Optional.of("Status: use at most " + MAX_LENGTH + " characters (this one has " + length + ").");
        }
        return Optional.empty();
    }

    /** What went wrong with {@code field} ("Nickname", "Picture", "Status"), as a sentence. */
    static String describe(String field, Throwable failure, String serverUrl) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ChatRestException rest) {
            if ("illegal_argument".equals(rest.error())) {
                String message = String.valueOf(rest.getMessage());
                int colon = message.indexOf(": ");
                return colon < 0 ? field + ": the server refused it."
                        : field + ": the server refused it (" + message.substring(colon + 2) + ").";
            }
            if (rest.httpStatus() == 413 || rest.code() == 405) {
                return field + ": the server takes at most 1 MB.";
            }
        } else if (cause instanceof ChatException chat && chat.code() == 405) {
            return field + ": the server takes at most 1 MB.";
        } else if (cause instanceof IllegalArgumentException invalid) {
            return field + ": it was refused (" + invalid.getMessage() + ").";
        }
        return field + ": " + lowerFirst(ErrorMessages.describe(cause, serverUrl));
    }

    private static String lowerFirst(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static boolean refused(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                    || cp == 0x200E || cp == 0x200F || cp == 0x061C;
        };
    }
}
