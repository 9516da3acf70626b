package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.InboxItem;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The sign-in sync: pushes a user's pending messages between {@code syncStart} and {@code syncEnd}, however many,
 * page by page, without ever holding a thread while the client reads.
 * <p>
 * The range is fixed first: {@code upTo} is the newest message id read <em>after</em> the connection was registered
 * for live delivery, so every message up to it is visible to the sync's reads and every later one reaches the
 * connection live (held back until the sync ends; see {@link Connection}). Each page is read with the last id of the
 * page before as its cursor, so whatever the client acknowledges meanwhile, nothing is skipped or repeated. The next
 * page is read only when the client has read the previous one down to a low-water mark: the page is paced by the
 * transport's acknowledgement of the writes, so a backlog of any size costs one page of memory, and a slow client
 * holds up nobody else. A connection that drops mid-sync leaves its messages pending for the next sign-in.
 * <p>
 * Threading: every step runs on the {@code executor} (bounded); when it is full the client gets error 500 "server
 * busy" and is closed (1013), to sign in again later.
 */
final class SignInSync {
    /** The most messages read in one page. */
    static final int PAGE_MESSAGES = 256;
    /** The most bytes of encoded frames in one page (at least one message is always taken). */
    static final int PAGE_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(SignInSync.class.getName());

    private final MessageStore store;
    private final FrameCodec codec;
    private final Executor executor;
    private final int pageBytes;
    private final Messages messages;

    /**
     * @param maxQueuedBytes the connections' outbound bound; a page takes at most a quarter of it
     */
    SignInSync(MessageStore store, FrameCodec codec, Messages messages, Executor executor, long maxQueuedBytes) {
        this.store = store;
        this.codec = codec;
        this.messages = messages;
        this.executor = executor;
        this.pageBytes = (int) Math.min(PAGE_BYTES, maxQueuedBytes / 4);
    }

    /** Starts the sync of a connection that has just been signed in and registered. */
    void start(Connection c, String user) {
        step(c, () -> {
            long upTo = store.lastMessageId();
            if (c.sync().range(upTo, store.countPending(user, upTo))) {
                page(c, user, 0);
            }
        });
    }

    /** Reads and queues the page after {@code cursor}, then waits for the client to read it, or ends the sync. */
    private void page(Connection c, String user, long cursor) {
        long after = cursor;
        while (true) {
            List<InboxItem> rows = store.pendingFor(user, after, c.sync().upTo(), PAGE_MESSAGES);
            List<EncodedMessage> page = new ArrayList<>(rows.size());
            int bytes = 0;
            for (InboxItem item : rows) {
                EncodedMessage encoded = EncodedMessage.of(item, user, codec, messages);
                if (!page.isEmpty() && bytes + encoded.frame().bytes() > pageBytes) {
                    break;
                }
                page.add(encoded);
                bytes += encoded.frame().bytes();
            }
            if (!page.isEmpty()) {
                if (!c.sync().page(page)) {
                    return;
                }
                after = page.getLast().id();
            }
            if (page.size() < rows.size() || rows.size() == PAGE_MESSAGES) {
                long next = after;
                c.whenDrained(pageBytes / 2, () -> step(c, () -> page(c, user, next)));
                return;
            }
            switch (c.sync().finish()) {
                case FINISHED, CLOSED -> {
                    return;
                }
                case EXTEND -> c.sync().extend(store.lastMessageId());
            }
        }
    }


    /** Runs one step of a sync on the executor; a full executor or a failing store ends the connection. */
    private void step(Connection c, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (StoreException e) {
                    LOG.log(System.Logger.Level.ERROR, "sign-in sync of " + c.user() + " failed: the store cannot be"
                            + " read", e);
                    c.fail(ErrorCode.SERVER_BUSY, "server busy, try again", CloseReason.CloseCodes.TRY_AGAIN_LATER);
                }
            });
        } catch (RejectedExecutionException e) {
            c.fail(ErrorCode.SERVER_BUSY, "server busy, try again", CloseReason.CloseCodes.TRY_AGAIN_LATER);
        }
    }
}
