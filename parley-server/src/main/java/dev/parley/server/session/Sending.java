package dev.parley.server.session;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameException;
import dev.parley.protocol.token.TokenException;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.protocol.token.VerifiedToken;
import dev.parley.server.AppKey;
import dev.parley.server.UserIds;
import dev.parley.server.limit.LogLimiter;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.blob.BlobException;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.Write;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The {@code send} frame: checks the content and the recipient, keeps a connection's messages in the order it sent
 * them, stores the message through the {@link GroupCommitWriter}, and after the commit answers the receipt and
 * delivers the message, encoded once, to its recipients (the peer, or the group's other members) and the sender's
 * other devices.
 * <p>
 * Threading: {@link #send} runs on a selector thread and never blocks; a recipient not yet known is looked up on the
 * {@code storeReads} executor; what follows a commit runs on the one fan-out thread, in commit order.
 */
final class Sending {
    private static final System.Logger LOG = System.getLogger(Sending.class.getName());
    private static final int MAX_MESSAGE_BYTES = Dispatcher.MAX_MESSAGE_BYTES;

    private final FrameCodec codec;
    private final Messages messages;
    private final Attachments attachments;
    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final MessageRouter router;
    private final RateLimiter rateLimiter;
    private final Executor storeReads;
    private final Executor fanOut;
    /** How many nodes hold sessions of a sender, who then gets that share of the send rate on each. */
    private final ToIntFunction<String> senderNodes;
    /**
     * Whether a resent message (a duplicate by localId) may not have reached its one-to-one peer: then it is delivered
     * again, and the peer's connections drop it if they had it (see {@link SentLedger}).
     */
    private final Predicate<StoredMessage> redeliverDuplicate;
    /** Users known to exist: those who signed in, and recipients looked up. */
    private final Set<String> knownUsers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Sending(FrameCodec codec, Messages messages, Attachments attachments, MessageStore store,
            GroupCommitWriter writer, MessageRouter router, RateLimiter rateLimiter, Executor storeReads,
            Executor fanOut, ToIntFunction<String> senderNodes, Predicate<StoredMessage> redeliverDuplicate) {
        this.codec = codec;
        this.messages = messages;
        this.attachments = attachments;
        this.store = store;
        this.writer = writer;
        this.router = router;
        this.rateLimiter = rateLimiter;
        this.storeReads = storeReads;
        this.fanOut = fanOut;
        this.senderNodes = senderNodes;
        this.redeliverDuplicate = redeliverDuplicate;
    }

    /** {@code user} exists (has just signed in, say): sends to them need no lookup. */
    void known(String user) {
        knownUsers.add(user);
    }

    void send(Connection c, Frame.Send send) {
        String sender = c.user();
        String localId = send.localId();
        Optional<String> refusal = checkContent(send.content());
        if (refusal.isPresent()) {
            c.send(Frame.Error.forSend(ErrorCode.MESSAGE_TOO_LARGE, refusal.get(), localId));
            return;
        }
        boolean group = send.chatType() == ChatType.GROUP;
        Optional<String> to = group ? Optional.of(send.to()).filter(id -> id.chars().allMatch(Character::isDigit))
                : UserIds.normalize(send.to());
        if (to.isEmpty()) {
            c.send(group ? Frame.Error.forSend(ErrorCode.GROUP_INVALID_ID, "invalid group id", localId)
                    : Frame.Error.forSend(ErrorCode.USER_NOT_FOUND, "no such user: invalid user id", localId));
            return;
        }
        if (!group && to.get().equals(sender)) {
            c.send(Frame.Error.forSend(ErrorCode.BAD_FRAME, "cannot send a message to yourself", localId));
            return;
        }
        if (!rateLimiter.tryAcquire(sender, System.nanoTime(), senderNodes.applyAsInt(sender))) {
            c.send(Frame.Error.forSend(ErrorCode.RATE_LIMITED, "sending too fast, slow down", localId));
            return;
        }
        var append = new Write.Append(sender, localId, send.chatType(), to.get(), send.content(),
                send.ext().toString());
        // A connection's messages are stored in the order it sent them. A send that needs a store read first (a
        // recipient not yet known, an upload to look up) waits for it on another thread; every later send of the
        // connection waits behind it. The store checks a group's membership in the same transaction as the append.
        boolean lookUp = Attachments.hasFile(send.content()) || (!group && !knownUsers.contains(to.get()));
        CompletableFuture<Void> before = c.sendsInFlight();
        if (!lookUp && before.isDone()) {
            store(c, append);
            return;
        }
        CompletableFuture<Void> after = new CompletableFuture<>();
        c.sendsInFlight(after);
        if (!lookUp) {
            before.whenComplete((ignored, failure) -> {
                try {
                    store(c, append);
                } finally {
                    after.complete(null); // whatever happens, the connection's later sends are not held up
                }
            });
            return;
        }
        before.whenCompleteAsync((ignored, failure) -> {
            try {
                lookUpAndStore(c, append);
            } finally {
                after.complete(null);
            }
        }, storeReads).exceptionally(failure -> { // the store-read pool was full, or the lookup failed unexpectedly
            c.send(Frame.Error.forSend(ErrorCode.SERVER_BUSY, "server busy, message not sent", localId));
            after.complete(null);
            return null;
        });
    }

    /** Why the content cannot be sent, if it cannot: a text or custom fields over the size limit. */
    private static Optional<String> checkContent(Content content) {
        return switch (content) {
            case Content.Text t -> Utf8.length(t.text()) > MAX_MESSAGE_BYTES
                    ? Optional.of("message larger than " + MAX_MESSAGE_BYTES + " bytes") : Optional.empty();
            case Content.Custom custom -> customSize(custom) > MAX_MESSAGE_BYTES
                    ? Optional.of("custom fields larger than " + MAX_MESSAGE_BYTES + " bytes") : Optional.empty();
            case Content.Image i -> Optional.empty();
            case Content.File f -> Optional.empty();
            case Content.Recalled r -> Optional.of("a recalled message cannot be sent");
        };
    }

    private static int customSize(Content.Custom custom) {
        int size = Utf8.length(custom.event());
        for (var e : custom.exts().entrySet()) {
            size += Utf8.length(e.getKey()) + Utf8.length(e.getValue()) + 6; // quotes, colon, comma
        }
        return size;
    }

    /**
     * On a store-read thread: stores the message if its recipient exists and the upload it names is the sender's (then
     * with the upload as the server knows it), else tells the sender.
     */
    private void lookUpAndStore(Connection c, Write.Append append) {
        String to = append.to();
        try {
            if (append.chatType() == ChatType.SINGLE && !knownUsers.contains(to)) {
                if (store.findUser(to).isEmpty()) {
                    c.send(Frame.Error.forSend(ErrorCode.USER_NOT_FOUND, "no such user: " + to, append.localId()));
                    return;
                }
                knownUsers.add(to);
            }
            Optional<Content> content = attachments.resolve(append.sender(), append.content());
            if (content.isEmpty()) {
                c.send(Frame.Error.forSend(ErrorCode.BAD_FRAME, "file.uuid and file.secret must name an upload of"
                        + " yours" + (append.content() instanceof Content.Image ? " that is an image" : ""),
                        append.localId()));
                return;
            }
            store(c, append.withContent(content.get()));
        } catch (StoreException | BlobException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot look up what message " + append.localId() + " needs", e);
            c.send(Frame.Error.forSend(ErrorCode.SERVER_BUSY, "server busy, message not sent", append.localId()));
        }
    }

    private void store(Connection c, Write.Append append) {
        CompletableFuture<Write.AppendOutcome> done = writer.submit(append);
        done.whenCompleteAsync((outcome, failure) -> afterCommit(() -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "message " + append.localId() + " of " + append.sender()
                        + " not stored: " + failure.getMessage());
                c.send(Frame.Error.forSend(ErrorCode.SERVER_BUSY, "server busy, message not stored",
                        append.localId()));
                return;
            }
            switch (outcome) {
                case Write.Refused refused -> c.send(Frame.Error.forSend(refused.code(), refused.reason(),
                        append.localId()));
                case Write.Appended appended -> appended(c, appended);
            }
        }), fanOut);
    }

    /**
     * A stored message: the message (encoded once) to its recipients and the sender's other devices, then the receipt,
     * once the router has sent the message on to other nodes (see {@link MessageRouter#afterPublished}).
     */
    private void appended(Connection c, Write.Appended result) {
        StoredMessage m = result.message();
        Frame.Receipt receipt = new Frame.Receipt(m.localId(), Long.toString(m.id()), m.time());
        if (result.duplicate()) {
            if (m.chatType() == ChatType.SINGLE && m.state() == StoredMessage.DeliveryState.PENDING
                    && redeliverDuplicate.test(m)) {
                // a cluster node may have died between this message's commit and its publication: the client
                // resends it here, and its peer must have it before the client's next messages
                router.deliverMessage(m.recipient(), new EncodedMessage(m.id(), m.recipient(),
                        Outbound.Encoded.of(codec.encode(messages.toFrame(m)))), "", "");
                router.afterPublished(() -> c.send(receipt));
            } else {
                c.send(receipt);
            }
            return;
        }
        Outbound.Encoded frame = Outbound.Encoded.of(codec.encode(messages.toFrame(m)));
        for (String recipient : result.recipients()) {
            router.deliverMessage(recipient, new EncodedMessage(m.id(), recipient, frame), "", "");
        }
        // copies for the sender's other devices: not this connection, nor another one of the same device
        // (a reconnect whose old connection the server has not seen close yet)
        router.deliverMessage(m.sender(), new EncodedMessage(m.id(), "", frame), c.id(), c.deviceId());
        router.afterPublished(() -> c.send(receipt));
    }

    /**
     * Runs what follows a commit on the fan-out thread. Nothing in it should throw (connections swallow their own
     * send failures); if something does, it is logged and the fan-out goes on with the next commit.
     */
    static void afterCommit(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "delivering a committed write failed", e);
        }
    }

}
