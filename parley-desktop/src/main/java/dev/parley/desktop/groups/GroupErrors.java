package dev.parley.desktop.groups;

import dev.parley.client.ChatException;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.desktop.service.ErrorMessages;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a refused group request into a sentence a user understands, worded for what they tried: 602 (not a member),
 * 603 (not the owner or an admin), 604 (group full), 605 (no such group), 600 (invalid group ID). Anything else is
 * worded by {@link ErrorMessages}. Like it, never shows a stack trace or a token. Stateless; any thread.
 */
public final class GroupErrors {
    /** What the user tried, for the wording of a refusal. */
    public enum Action {
        /** Creating a group. */
        CREATE("create the group"),
        /** Reading a group's name and members. */
        READ("see this group"),
        /** Renaming a group. */
        RENAME("rename the group"),
        /** Adding members. */
        ADD("add members"),
        /** Removing a member. */
        REMOVE("remove members"),
        /** Leaving a group. */
        LEAVE("leave the group"),
        /** Deleting (destroying) a group. */
        DESTROY("delete the group");

        private final String phrase;

        Action(String phrase) {
            this.phrase = phrase;
        }
    }

    private GroupErrors() {
    }

    /**
     * Why {@code action} failed.
     *
     * @param failure the failure, possibly wrapped in a {@link CompletionException}
     */
    public static String describe(Throwable failure, Action action) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatServiceException worded) {
            return worded.getMessage();
        }
        if (cause instanceof ChatException chat && chat.code() >= 600 && chat.code() <= 605) {
            return describeCode(chat.code(), action);
        }
        return ErrorMessages.describe(cause, "");
    }

    /** A sentence for a group error code (600–605) of {@code action}. */
    static String describeCode(int code, Action action) {
        return switch (code) {
            case 602 -> "You cannot " + action.phrase + ": you are not a member of this group.";
            case 603 -> switch (action) {
                case DESTROY -> "Only the group's owner can delete it.";
                case LEAVE -> "The owner cannot leave the group. Delete it instead.";
                case REMOVE -> "Only the owner or an admin can remove members, "
                        + "and only the owner can remove an admin.";
                default -> "Only the group's owner or an admin can " + action.phrase + ".";
            };
            case 604 -> "The group is full: no more members can join.";
            case 605 -> "This group no longer exists.";
            default -> "That is not a valid group.";
        };
    }

    /** There is no user {@code userId} on the server. */
    static String noSuchUser(String userId) {
        return "There is no user “" + userId + "” on this server.";
    }

    /** {@code typed} is not a user ID at all. */
    static String notAUserId() {
        return "A user ID uses only a–z, 0–9, '_', '-' and '.' (up to 64 characters).";
    }

    /** The user-facing sentence of a failure that a {@link GroupsService} future ended with. */
    static String sentence(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof ChatServiceException worded ? worded.getMessage() : describe(cause, Action.READ);
    }

    /** The SDK code of a failure, or 0 when it has none. */
    static int codeOf(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatServiceException worded && worded.getCause() != null) {
            cause = unwrap(worded.getCause());
        }
        return cause instanceof ChatException chat ? chat.code() : 0;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
