package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One write the {@link MessageStore} applies inside a group commit. Records are immutable and may be built on any
 * thread; their constructors reject what would otherwise fail a whole batch (nulls, control characters in user ids).
 * <p>
 * A write names the type of its result, so that {@link GroupCommitWriter#submit} gives a future of exactly that type
 * and no caller casts. A write the store refuses for a reason a user can be told (not a member, not the sender, the
 * recall window passed…) answers {@link Refused} and the rest of its batch goes on.
 *
 * @param <R> what the store answers for this write
 */
public sealed interface Write<R extends Write.Result> {

    /** The type of this write's result. */
    Class<R> resultType();

    /**
     * Store a new message in a one-to-one conversation ({@code to} is the peer) or a group ({@code to} is the group id,
     * and the sender must be a member), unless (sender, localId) exists already, in which case the existing message is
     * the result and nothing is written. Ids, sequence numbers and the time are assigned by the store. The message
     * becomes pending for each recipient: the peer, or every other member of the group.
     */
    record Append(String sender, String localId, ChatType chatType, String to, Content content, String ext)
            implements Write<AppendOutcome> {
        public Append {
            requireUserId(sender, "sender");
            Objects.requireNonNull(localId, "localId");
            Objects.requireNonNull(chatType, "chatType");
            requireUserId(to, "to");
            Objects.requireNonNull(content, "content");
            if (content instanceof Content.Recalled) {
                throw new IllegalArgumentException("a recalled message cannot be appended");
            }
            Objects.requireNonNull(ext, "ext");
        }

        /** A one-to-one text message. */
        public Append(String sender, String localId, String recipient, String body, String ext) {
            this(sender, localId, ChatType.SINGLE, recipient, new Content.Text(body), ext);
        }

        /** The same message with other content (the server's description of an upload). */
        public Append withContent(Content other) {
            return new Append(sender, localId, chatType, to, other, ext);
        }

        @Override
        public Class<AppendOutcome> resultType() {
            return AppendOutcome.class;
        }
    }

    /**
     * {@code user} has message or event {@code id}: it is no longer pending for them. A message id also acknowledges
     * the recall and edit events of that message pending for them.
     */
    record MarkDelivered(long id, String user) implements Write<Marked> {
        public MarkDelivered {
            requireUserId(user, "user");
        }

        @Override
        public Class<Marked> resultType() {
            return Marked.class;
        }
    }

    /**
     * {@code user} read message {@code id} (which implies delivered), and with it every earlier message of its
     * conversation: their read position moves to it, never back.
     */
    record MarkRead(long id, String user) implements Write<Marked> {
        public MarkRead {
            requireUserId(user, "user");
        }

        @Override
        public Class<Marked> resultType() {
            return Marked.class;
        }
    }

    /** {@code user} read the whole conversation ({@code channelAck}): nothing in it is unread for them any more. */
    record ReadConversation(String user, ChatType chatType, String to) implements Write<ChangeOutcome> {
        public ReadConversation {
            requireUserId(user, "user");
            Objects.requireNonNull(chatType, "chatType");
            requireUserId(to, "to");
        }

        @Override
        public Class<ChangeOutcome> resultType() {
            return ChangeOutcome.class;
        }
    }

    /**
     * The sender {@code user} takes message {@code id} back, if it was stored at or after {@code notBefore} (epoch
     * milliseconds; the recall window): its body and file are removed, and every member gets a {@code recalled}.
     */
    record Recall(long id, String user, long notBefore) implements Write<ChangeOutcome> {
        public Recall {
            requireUserId(user, "user");
        }

        @Override
        public Class<ChangeOutcome> resultType() {
            return ChangeOutcome.class;
        }
    }

    /** The sender {@code user} replaces the text of the {@code txt} message {@code id}; every member gets {@code edited}. */
    record Edit(long id, String user, String text) implements Write<ChangeOutcome> {
        public Edit {
            requireUserId(user, "user");
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("an edit needs text");
            }
        }

        @Override
        public Class<ChangeOutcome> resultType() {
            return ChangeOutcome.class;
        }
    }

    /** A change to a group; see {@link GroupChange} for each kind. */
    record ChangeGroup(GroupChange change) implements Write<ChangeOutcome> {
        public ChangeGroup {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public Class<ChangeOutcome> resultType() {
            return ChangeOutcome.class;
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

    /** A user's new nickname and avatar (the uuid of an upload; {@code ""} removes it); an empty Optional keeps it. */
    record UpdateProfile(String user, Optional<String> nickname, Optional<String> avatar)
            implements Write<ProfileUpdated> {
        public UpdateProfile {
            requireUserId(user, "user");
            Objects.requireNonNull(nickname, "nickname");
            Objects.requireNonNull(avatar, "avatar");
        }

        @Override
        public Class<ProfileUpdated> resultType() {
            return ProfileUpdated.class;
        }
    }

    /** What a write did, in the order of the writes. */
    sealed interface Result {
    }

    /** What an {@link Append} did: stored (or found) the message, or refused it. */
    sealed interface AppendOutcome extends Result permits Appended, Refused {
    }

    /** What a change (recall, edit, conversation read, group change) did, or why it was refused. */
    sealed interface ChangeOutcome extends Result permits Changed, Refused {
    }

    /**
     * The message, and whether it already existed (a retry by localId); {@code recipients} are the users it became
     * pending for (empty for a duplicate), to whose sessions it is delivered now.
     */
    record Appended(StoredMessage message, boolean duplicate, List<String> recipients) implements AppendOutcome {
        public Appended {
            recipients = List.copyOf(recipients);
        }
    }

    /** The store would not do it, for a reason the user is told with {@code code}. */
    record Refused(ErrorCode code, String reason) implements AppendOutcome, ChangeOutcome {
    }

    /**
     * A change that was made: the message it was about (if any), the group (0 if none), and the frames to deliver
     * now, each to its recipients' sessions (the events kept for offline members are in their inboxes already).
     */
    record Changed(Optional<StoredMessage> message, long groupId, List<Notice> notices) implements ChangeOutcome {
        public Changed {
            notices = List.copyOf(notices);
        }
    }

    /**
     * A frame to deliver after the commit to the sessions of {@code recipients} (the caller leaves out the session
     * that caused it). {@code eventId} is the id of the stored event it is (0: a frame delivered now and never
     * stored); such an event is in the inbox of every recipient but {@code actor}, whose other devices get it only
     * live.
     */
    record Notice(long eventId, String frame, List<String> recipients, String actor) {
        public Notice {
            Objects.requireNonNull(frame, "frame");
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(actor, "actor");
        }

        /** A frame delivered now and never stored. */
        public static Notice live(String frame, List<String> recipients) {
            return new Notice(0, frame, recipients, "");
        }
    }

    /**
     * The message the mark was for, if it exists and is pending or readable for that user; {@code changed} tells
     * whether its state moved forward for them.
     */
    record Marked(Optional<StoredMessage> message, boolean changed) implements Result {
    }

    /** The user as they are after the update (empty: no such user), and the avatar the update replaced. */
    record ProfileUpdated(Optional<UserRecord> user, String previousAvatar) implements Result {
    }

    /** Whether the user was created ({@code false}: the name was taken). */
    record UserCreated(boolean created) implements Result {
    }

    /**
     * User ids are non-empty and hold no control characters nor {@code '#'}: stores join two of them with a control
     * character to key a conversation, and key a group with {@code '#'}.
     */
    static void requireUserId(String id, String what) {
        Objects.requireNonNull(id, what);
        boolean valid = !id.isEmpty();
        for (int i = 0; valid && i < id.length(); i++) { // a loop, not a stream: every write checks two ids
            char c = id.charAt(i);
            valid = !Character.isISOControl(c) && c != '#';
        }
        if (!valid) {
            throw new IllegalArgumentException(what + " must be a non-empty user id without control characters");
        }
    }
}
