package dev.parley.server.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One write the {@link MessageStore} applies inside a group commit. Records are immutable and may be built on any
 * thread; their constructors reject what would otherwise fail a whole batch (nulls, control characters in user ids).
 * <p>
 * A write names the type of its result, so that {@link GroupCommitWriter#submit} gives a future of exactly that type
 * and no caller casts.
 *
 * @param <R> what the store answers for this write
 */
public sealed interface Write<R extends Write.Result> {

    /** The type of this write's result. */
    Class<R> resultType();

    /**
     * Store a new message, unless (sender, localId) exists already, in which case the existing message is the result
     * and nothing is written. Ids, sequence numbers and the time are assigned by the store.
     */
    record Append(String sender, String localId, String recipient, String body, String ext) implements Write<Appended> {
        public Append {
            requireUserId(sender, "sender");
            Objects.requireNonNull(localId, "localId");
            requireUserId(recipient, "recipient");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(ext, "ext");
        }

        @Override
        public Class<Appended> resultType() {
            return Appended.class;
        }
    }

    /** Mark message {@code id} delivered, if {@code recipient} is its recipient and it is still pending. */
    record MarkDelivered(long id, String recipient) implements Write<Marked> {
        public MarkDelivered {
            requireUserId(recipient, "recipient");
        }

        @Override
        public Class<Marked> resultType() {
            return Marked.class;
        }
    }

    /** Mark message {@code id} read (which implies delivered), if {@code recipient} is its recipient. */
    record MarkRead(long id, String recipient) implements Write<Marked> {
        public MarkRead {
            requireUserId(recipient, "recipient");
        }

        @Override
        public Class<Marked> resultType() {
            return Marked.class;
        }
    }

    /** Register a user; fails the write (not the batch) if the name is taken. */
    record CreateUser(UserRecord user) implements Write<UserCreated> {
        public CreateUser {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public Class<UserCreated> resultType() {
            return UserCreated.class;
        }
    }

    /** What a write did, in the order of the writes. */
    sealed interface Result {
    }

    /** The message, and whether it already existed (a retry by localId). */
    record Appended(StoredMessage message, boolean duplicate) implements Result {
    }

    /**
     * The message the mark was for, if it exists and belongs to that recipient; {@code changed} tells whether its
     * state moved forward.
     */
    record Marked(Optional<StoredMessage> message, boolean changed) implements Result {
    }

    /** Whether the user was created ({@code false}: the name was taken). */
    record UserCreated(boolean created) implements Result {
    }

    /**
     * User ids are non-empty and hold no control characters: stores join two of them with one to key a conversation.
     */
    private static void requireUserId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (id.isEmpty() || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be a non-empty user id without control characters");
        }
    }
}
