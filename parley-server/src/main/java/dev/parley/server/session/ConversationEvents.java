package dev.parley.server.session;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.UserIds;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.GroupRecord;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The frames of protocol version 2 that change a conversation without sending a message: {@code recall},
 * {@code edit}, {@code channelAck} (through the store, then delivered as the store's notices say) and {@code typing}
 * (never stored: relayed to the members online now, at most one a second per conversation and connection).
 * <p>
 * Threading: the frame methods run on a selector thread and never block: store writes go to the
 * {@link GroupCommitWriter} and what follows a commit runs on the fan-out thread; a group's members for
 * {@code typing} are read on the {@code storeReads} executor.
 */
final class ConversationEvents {
    private static final System.Logger LOG = System.getLogger(ConversationEvents.class.getName());
    /** Typing frames further apart than this per conversation are relayed; closer ones are dropped. */
    static final Duration TYPING_INTERVAL = Duration.ofSeconds(1);

    private final FrameCodec codec;
    private final GroupCommitWriter writer;
    private final MessageStore store;
    private final MessageRouter router;
    private final Attachments attachments;
    private final Executor fanOut;
    private final Executor storeReads;
    private final Clock clock;
    private final Duration recallWindow;
    /** Above this many entries, the typing times that no longer matter are swept. */
    private static final int TYPING_ENTRIES = 4_096;
    /** The last relayed typing frame's time per connection and conversation. */
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

    ConversationEvents(FrameCodec codec, GroupCommitWriter writer, MessageStore store, MessageRouter router,
                       Attachments attachments, Executor fanOut, Executor storeReads, Clock clock,
                       Duration recallWindow) {
        this.attachments = attachments;
        this.codec = codec;
        this.writer = writer;
        this.store = store;
        this.router = router;
        this.fanOut = fanOut;
        this.storeReads = storeReads;
        this.clock = clock;
        this.recallWindow = recallWindow;
    }

    void recall(Connection c, Frame.Recall recall) {
        parseId(c, recall.id()).ifPresent(id -> change(c, new Write.Recall(id, c.user(),
                clock.millis() - recallWindow.toMillis()), "recall of message " + id, true));
    }

    void edit(Connection c, Frame.Edit edit) {
        if (Utf8.length(edit.msg()) > Dispatcher.MAX_MESSAGE_BYTES) {
            c.send(Frame.Error.of(ErrorCode.MESSAGE_TOO_LARGE,
                    "message larger than " + Dispatcher.MAX_MESSAGE_BYTES + " bytes"));
            return;
        }
        parseId(c, edit.id()).ifPresent(id -> change(c, new Write.Edit(id, c.user(), edit.msg()),
                "edit of message " + id, true));
    }

    void channelAck(Connection c, Frame.ChannelAck ack) {
        Optional<String> to = conversationId(c, ack.chatType(), ack.to());
        // not echoed: the reader's own device knows, and the event kept for its other devices is not this one's
        to.ifPresent(id -> change(c, new Write.ReadConversation(c.user(), ack.chatType(), id),
                "read of conversation " + id, false));
    }

    /**
     * Submits a change; a refusal is an error frame, a change is delivered as its notices say, to the connection that
     * asked for it too when {@code echo} (a recall or an edit is confirmed by its own {@code recalled} or
     * {@code edited}).
     */
    private void change(Connection c, Write<Write.ChangeOutcome> write, String what, boolean echo) {
        writer.submit(write).whenCompleteAsync((outcome, failure) -> {
            try {
                if (failure != null) {
                    LOG.log(System.Logger.Level.ERROR, what + " by " + c.user() + " not stored: "
                            + failure.getMessage());
                    c.send(Frame.Error.of(ErrorCode.SERVER_BUSY, "server busy, " + what + " not stored"));
                    return;
                }
                switch (outcome) {
                    case Write.Refused refused -> c.send(Frame.Error.of(refused.code(), refused.reason()));
                    case Write.Changed changed -> {
                        deliver(changed.notices(), echo ? "" : c.id());
                        if (write instanceof Write.Recall) {
                            changed.message().ifPresent(this::removeFile);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "delivering a committed " + what + " failed", e);
            }
        }, fanOut);
    }

    /**
     * Delivers notices after their commit, each encoded once: a stored event goes through the sync-aware path (it is
     * in its recipients' inboxes), a live-only frame straight to the signed-in sessions. The connection
     * {@code exceptConnectionId} (that caused it; {@code ""}: none) is left out. Runs on the fan-out thread.
     */
    void deliver(List<Write.Notice> notices, String exceptConnectionId) {
        for (Write.Notice notice : notices) {
            Outbound.Encoded frame = Outbound.Encoded.of(notice.frame());
            for (String user : notice.recipients()) {
                if (notice.eventId() == 0) {
                    router.deliverLive(user, frame, exceptConnectionId);
                } else {
                    String inboxOf = user.equals(notice.actor()) ? "" : user;
                    router.deliverMessage(user, new EncodedMessage(notice.eventId(), inboxOf, frame),
                            exceptConnectionId, "");
                }
            }
        }
    }

    /** After a recall: the file of the message goes too (on a store-read thread; a busy pool leaves it to retention). */
    private void removeFile(dev.parley.server.store.StoredMessage recalled) {
        if (!Attachments.hasFile(recalled.content())) {
            return;
        }
        try {
            storeReads.execute(() -> {
                try {
                    attachments.delete(recalled.content());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "the file of recalled message " + recalled.id()
                            + " was not removed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the file of recalled message " + recalled.id()
                    + " was not removed: the server is busy");
        }
    }

    /** Relays "typing" to the peer, or to the group's other members, online now; never stored. */
    void typing(Connection c, Frame.Typing typing) {
        Optional<String> to = conversationId(c, typing.chatType(), typing.to());
        if (to.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String key = c.id() + '\u001F' + typing.chatType().wire() + '\u001F' + to.get();
        Long last = lastTyping.get(key);
        if (last != null && now - last < TYPING_INTERVAL.toMillis()) {
            return; // more than one a second: dropped
        }
        lastTyping.put(key, now);
        if (lastTyping.size() > TYPING_ENTRIES) { // entries older than the interval no longer matter
            lastTyping.values().removeIf(time -> now - time >= TYPING_INTERVAL.toMillis());
        }
        Outbound.Encoded frame = Outbound.Encoded.of(codec.encode(new Frame.Typing(typing.chatType(), to.get(),
                c.user())));
        if (typing.chatType() == ChatType.SINGLE) {
            router.deliverLive(to.get(), frame, "");
            return;
        }
        try {
            storeReads.execute(() -> {
                try {
                    Optional<GroupRecord> group = store.findGroup(Long.parseLong(to.get()));
                    if (group.isEmpty() || group.get().roleOf(c.user()).isEmpty()) {
                        c.send(Frame.Error.of(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + to.get()));
                        return;
                    }
                    for (GroupRecord.Member m : group.get().members()) {
                        if (!m.user().equals(c.user())) {
                            router.deliverLive(m.user(), frame, "");
                        }
                    }
                } catch (StoreException e) {
                    LOG.log(System.Logger.Level.WARNING, "typing in group " + to.get() + " not relayed: "
                            + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // typing is best effort: dropped when the server is busy
        }
    }

    /** The conversation id as the user means it: a normalised user id, or a group id; an error frame otherwise. */
    private static Optional<String> conversationId(Connection c, ChatType type, String id) {
        if (type == ChatType.GROUP) {
            if (id.chars().allMatch(Character::isDigit) && id.length() <= 18 && !id.isEmpty()) {
                return Optional.of(id);
            }
            c.send(Frame.Error.of(ErrorCode.GROUP_INVALID_ID, "invalid group id: " + abbreviate(id)));
            return Optional.empty();
        }
        Optional<String> user = UserIds.normalize(id);
        if (user.isEmpty()) {
            c.send(Frame.Error.of(ErrorCode.USER_NOT_FOUND, "no such user: invalid user id"));
        }
        return user;
    }

    private static Optional<Long> parseId(Connection c, String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            c.send(Frame.Error.of(ErrorCode.BAD_FRAME, "invalid message id"));
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
