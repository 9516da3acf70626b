package dev.parley.desktop.service;

import dev.parley.client.ChatException;
import dev.parley.client.ChatMessage;
import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import dev.parley.client.TextMessage;
import dev.parley.desktop.media.AttachmentSender;
import dev.parley.desktop.media.LocalAttachment;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The outgoing half of {@link Messenger}: the outbox of messages written on this device and not yet stored by the
 * server. A message waits there ({@link MessageStatus#WAITING}) while the connection is down, and every waiting
 * message goes out by itself, oldest first, when it is back (and when the user sends or types: a connection that came
 * back is used at once). Sent again, a message keeps its local id, so the server stores it exactly once. The outbox is
 * kept in the {@link OutboxStore} (the user's local cache), written through on every change, so it survives a restart
 * of the app; only the sign-in with the same server, app key and user loads and sends it, and nothing goes out before
 * what waited from the last run is loaded (the order stays). A message the store could not write still waits and goes
 * out while the app runs; the user is told it would not survive a restart. A message goes to a one-to-one or a group
 * conversation alike, and a reply carries its {@link Quote} in {@code ext}. A message ends as
 * {@link MessageStatus#FAILED} ("not sent") only when it can never succeed: no such user, too long, refused as invalid.
 * <p>
 * An image or file attached while the connection is not up (or while messages written before it still wait) comes
 * from the {@link AttachmentSender} ({@link #files()}) as a message whose body is the outbox's own copy of the file:
 * it waits like a text, shown with its thumbnail or file row, is kept across a restart, and goes out (uploaded, then
 * sent) in the order written: the SDK writes a message only once its upload is done, so nothing after a file is
 * handed to the SDK before the file's receipt. Once stored, the server's copy (with the attachment's address) is
 * fetched back from the newest history and replaces the one shown; the outbox's copy is then deleted.
 * FX thread only.
 */
final class Sender {
    private static final System.Logger LOG = System.getLogger(Sender.class.getName());
    /** The server's limit for a message's text, in bytes of UTF-8. */
    static final int MAX_BYTES = 5_120;
    /** How many of the newest messages are looked through for an image or file just stored. */
    private static final int STORED_LOOKUP = 20;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final ToastCenter toasts;
    private final Clock clock;
    private final OutboxStore store;
    /** This sign-in's outbox, oldest first, by local id. */
    private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
    /** Told of each message the server stored, as the server would give it back (the local cache keeps it). */
    private final java.util.function.Consumer<dev.parley.client.ReceivedMessage> onStored;
    /** Local ids of outbox messages handed to the SDK and not answered yet. */
    private final Set<String> inFlight = new HashSet<>();
    /** Messages that failed for good, by local id, for a retry. */
    private final Map<String, OutboxEntry> failed = new HashMap<>();
    private Session session;
    /** Whether the store's outbox of this sign-in is loaded (nothing is sent before, to keep the order). */
    private boolean loaded;

    Sender(FxBoundary fx, ConversationBook book, ToastCenter toasts, Clock clock, OutboxStore store,
           java.util.function.Consumer<dev.parley.client.ReceivedMessage> stored) {
        this.onStored = stored;
        this.fx = fx;
        this.book = book;
        this.toasts = toasts;
        this.clock = clock;
        this.store = store;
    }

    /** The number of bytes {@code text} takes on the wire (UTF-8), after stripping as a send does. */
    static int byteLength(String text) {
        return text.strip().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * A new sign-in: loads its waiting messages from the store (off the FX thread), shows them in their conversations
     * before anything written meanwhile, and sends what waits if connected.
     */
    void attach(Session newSession) {
        session = newSession;
        loaded = false;
        fx.whenDone(store.load(newSession.request()), () -> session == newSession, (stored, failure) -> {
            if (failure != null) {
                storeFailed(failure, "The messages waiting from the last run could not be read");
            } else {
                Map<String, OutboxEntry> writtenMeanwhile = new LinkedHashMap<>(outbox);
                outbox.clear();
                for (OutboxEntry entry : stored) {
                    outbox.put(entry.localId(), entry);
                    MessageItem item = book.named(waiting(entry));
                    MessageThread thread = book.thread(entry.to());
                    thread.addSending(item);
                    book.newest(item, thread.unread().count());
                }
                outbox.putAll(writtenMeanwhile);
            }
            loaded = true;
            flush();
        });
    }

    /** Forgets the session (its outbox stays in the store for its next sign-in). */
    void detach() {
        // the copies of files that failed for good were kept for a retry in this session only
        failed.values().stream().filter(OutboxEntry::isFile).forEach(this::forget);
        session = null;
        outbox.clear();
        inFlight.clear();
        failed.clear();
        loaded = false;
    }

    /**
     * Puts {@code text} to {@code to} in the outbox (a reply to {@code quote}, or {@link Quote#NONE}) and sends what
     * waits if the connection is up.
     *
     * @return false (and nothing is sent) when the text is blank or over {@value #MAX_BYTES} bytes
     */
    boolean send(ConversationId to, String text, Quote quote) {
        String body = text.strip();
        if (session == null || body.isEmpty() || byteLength(body) > MAX_BYTES) {
            return false;
        }
        OutboxEntry entry = new OutboxEntry(session.request().serverUrl(), session.request().appKey(), session.me(),
                TextMessage.create(to.id(), body).localId(), to, body, quote, clock.instant());
        outbox.put(entry.localId(), entry);
        persist(entry);
        MessageItem item = book.named(MessageItem.waiting(entry.localId(), to, session.me(), body, quote,
                entry.time()));
        MessageThread thread = book.thread(to);
        thread.addSending(item);
        book.newest(item, thread.unread().count());
        flush();
        return true;
    }

    /**
     * Puts an image or file to {@code to} in the outbox: {@code message} is the SDK's, with the local id it goes out
     * with, and its body the outbox's copy of the file ({@link OutboxStore#keep}). It waits, shown with its thumbnail
     * or file row, and goes out (uploaded, then sent) in the order written with the texts around it.
     *
     * @return false (and nothing is kept) when signed out or the body is not a local file
     */
    boolean sendFile(ConversationId to, ChatMessage message) {
        if (session == null || !(message.body() instanceof MessageBody.LocalFile)) {
            return false;
        }
        OutboxEntry entry = new OutboxEntry(session.request().serverUrl(), session.request().appKey(), session.me(),
                message.localId(), to, message.body(), Quote.NONE, clock.instant());
        outbox.put(entry.localId(), entry);
        persist(entry);
        MessageItem item = book.named(waiting(entry));
        MessageThread thread = book.thread(to);
        thread.addSending(item);
        book.newest(item, thread.unread().count());
        flush();
        return true;
    }

    /**
     * The outbox as the {@link AttachmentSender} of the current sign-in sees it: it holds files while the connection
     * is not up, or while messages written before still wait (so that the order written holds), and keeps them for
     * that sign-in only.
     */
    AttachmentSender.Outbox files() {
        Session mine = session;
        return new AttachmentSender.Outbox() {
            @Override
            public boolean holds() {
                return mine == session && mine != null && (!loaded || !outbox.isEmpty()
                        || mine.client().connectionState() != ConnectionState.CONNECTED);
            }

            @Override
            public Path keep(String localId, Path file, String name) throws IOException {
                return store.keep(localId, file, name);
            }

            @Override
            public void queue(ConversationId to, ChatMessage message) {
                if (mine == session) {
                    sendFile(to, message);
                }
            }
        };
    }

    /** Puts a message that failed for good back in the outbox (the same local id) and sends it if connected. */
    void retry(MessageItem item) {
        OutboxEntry entry = failed.remove(item.localId());
        if (session == null || entry == null || item.status() != MessageStatus.FAILED) {
            return;
        }
        outbox.put(entry.localId(), entry);
        persist(entry);
        book.thread(entry.to()).update(item.key(), m -> m.withStatus(MessageStatus.WAITING));
        flush();
    }

    /** Sends every waiting message, oldest first, if the connection is up; nothing otherwise. */
    void flush() {
        Session s = session;
        if (s == null || !loaded || s.client().connectionState() != ConnectionState.CONNECTED) {
            return;
        }
        for (OutboxEntry entry : new ArrayList<>(outbox.values())) {
            if (inFlight.add(entry.localId())) {
                dispatch(s, entry);
            }
            if (entry.isFile()) { // the SDK writes a message when its upload is done: what follows waits for it
                return;
            }
        }
    }

    /** {@code entry} as its conversation shows it while it waits: its text, or its file on this device. */
    private static MessageItem waiting(OutboxEntry entry) {
        MessageItem item = MessageItem.waiting(entry.localId(), entry.to(), entry.user(), entry.text(), entry.quote(),
                entry.time());
        if (!(entry.body() instanceof MessageBody.LocalFile f)) {
            return item;
        }
        long size;
        try {
            size = Files.size(f.path()); // a stat of the outbox's own copy
        } catch (IOException e) {
            size = 0;
        }
        Attachment local = LocalAttachment.of(entry.localId(), f.path(), f.filename(), size, f.mime(), f.width(),
                f.height());
        return item.withContent(Content.Image.TYPE.equals(f.msgType()) ? new MessageContent.Image(local)
                : new MessageContent.File(local));
    }

    /** The server stored a message of this device (the receipt event; its future follows). */
    void stored(String localId, String serverId) {
        OutboxEntry entry = outbox.get(localId);
        if (entry != null) {
            book.thread(entry.to()).update(localId, m -> m.stored(serverId, m.time()));
            if (!entry.isFile()) { // a file's copy comes from the server's history (it has the attachment)
                onStored.accept(storedCopy(entry, serverId, entry.time()));
            }
        }
    }

    /** A message of the outbox as the server stored it (its receipt or its "received" event may come first). */
    private static dev.parley.client.ReceivedMessage storedCopy(OutboxEntry entry, String serverId,
                                                                java.time.Instant time) {
        return new dev.parley.client.ReceivedMessage(serverId, entry.user(), entry.to().id(), entry.to().chatType(),
                new dev.parley.protocol.Content.Text(entry.text()), time, entry.quote().toExt(),
                dev.parley.client.MessageState.PENDING, false);
    }

    private void dispatch(Session s, OutboxEntry entry) {
        ChatMessage message = new ChatMessage(entry.localId(), entry.to().id(), entry.to().chatType(), entry.body(),
                entry.quote().toExt());
        MessageThread shown = book.thread(entry.to());
        shown.update(entry.localId(), m -> m.status() == MessageStatus.WAITING ? m.withStatus(MessageStatus.SENDING)
                : m);
        boolean gone = fileGone(entry); // deleted by hand: the SDK would try the upload again and again
        fx.whenDone(gone ? CompletableFuture.failedFuture(new NoSuchFileException(entry.localId()))
                : s.client().send(message), s::isCurrent, (receipt, failure) -> {
            inFlight.remove(entry.localId());
            MessageThread thread = book.thread(entry.to());
            if (failure == null) {
                outbox.remove(entry.localId());
                thread.update(entry.localId(), m -> m.stored(receipt.serverId(), receipt.time()));
                if (entry.isFile()) { // its copy goes once the server's is shown
                    showStoredFile(s, entry, receipt.serverId());
                    flush(); // what was written after it
                } else {
                    forget(entry);
                    onStored.accept(storedCopy(entry, receipt.serverId(), receipt.time()));
                }
                return;
            }
            int code = codeOf(failure);
            LOG.log(Level.INFO, "message {0} to {1} not sent ({2}): {3}", entry.localId(), entry.to(), code,
                    failure.getMessage());
            if (gone || canNeverSucceed(code)) {
                outbox.remove(entry.localId());
                failed.put(entry.localId(), entry);
                if (!entry.isFile()) { // a file's row and copy stay for a retry, until sign-out
                    forget(entry);
                }
                String reason = gone ? "“" + ((MessageBody.LocalFile) entry.body()).filename()
                        + "” is no longer on this device: attach it again."
                        : ErrorMessages.describeSend(failure, entry.to().chatType() == ChatType.GROUP
                        ? book.groupName(entry.to().id()) : entry.to().id());
                thread.update(entry.localId(), m -> m.status().canBecome(MessageStatus.FAILED) ? m.failed(reason) : m);
                toasts.show(ToastKind.ERROR, reason);
                flush(); // what was written after it goes on
                return;
            }
            thread.update(entry.localId(), m -> m.status() == MessageStatus.SENDING
                    ? m.withStatus(MessageStatus.WAITING) : m);
            if (code == -1) { // no receipt in time, yet connected: the server is slow; the same local id again
                flush();
            }
        });
    }

    /**
     * Replaces a stored image or file, shown from this device's copy, by the server's copy (its attachment's address),
     * fetched back from the newest history, as an upload sent online is; the local cache keeps that copy.
     */
    private void showStoredFile(Session s, OutboxEntry entry, String serverId) {
        ConversationId to = entry.to();
        fx.whenDone(s.client().chatManager().history(to.chatType(), to.id(), "", STORED_LOOKUP), s::isCurrent,
                (page, failure) -> {
                    if (failure == null) {
                        page.receivedMessages().stream().filter(m -> m.id().equals(serverId)).findFirst()
                                .ifPresent(m -> {
                                    book.thread(to).update(entry.localId(),
                                            item -> item.withContent(MessageContent.of(m.content())));
                                    onStored.accept(m);
                                });
                    }
                    forget(entry);
                });
    }

    /** Whether {@code entry} is a file whose outbox copy is gone (deleted by hand): it can never be uploaded. */
    private static boolean fileGone(OutboxEntry entry) {
        return entry.body() instanceof MessageBody.LocalFile f && !Files.isRegularFile(f.path());
    }

    /**
     * Codes after which the same message can never be stored: no such user, too long, invalid, not a member of the
     * group, no such group.
     */
    private static boolean canNeverSucceed(int code) {
        return code == 204 || code == 511 || code == -3 || code == 602 || code == 605;
    }

    private static int codeOf(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ChatException chat ? chat.code() : 0;
    }

    /** Writes {@code entry} to the store; a failure is told (the message still waits in memory). */
    private void persist(OutboxEntry entry) {
        Session s = session;
        fx.whenDone(store.add(entry), () -> s == session && s.isCurrent(), (done, failure) -> {
            if (failure != null) {
                storeFailed(failure, "A message could not be saved on this device; it is sent while Parley stays"
                        + " open, but would not survive closing it");
            }
        });
    }

    /** Takes {@code entry} out of the store (stored by the server, or failed for good). */
    private void forget(OutboxEntry entry) {
        fx.whenDone(store.remove(entry), () -> true, (done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "could not take message " + entry.localId() + " out of the outbox: "
                        + failure.getMessage());
            }
        });
    }

    private void storeFailed(Throwable failure, String sentence) {
        LOG.log(Level.WARNING, sentence + ": " + failure.getMessage(), failure);
        toasts.show(ToastKind.ERROR, sentence + ".");
    }
}
