package dev.parley.desktop.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Recalling and editing the user's own messages ({@code chatManager().recallMessage} and {@code modifyMessage}). The
 * change shows when the server tells it back (the {@code recalled} or {@code edited} event, to every member and this
 * user's devices), and at once here when the request succeeds; a refusal (504: too late, 210: not the sender) is a
 * toast sentence. FX thread only; part of the {@link Messenger}.
 */
final class Amendments {
    private static final System.Logger LOG = System.getLogger(Amendments.class.getName());
    /** The server's recall window unless it is configured otherwise (protocol v2: 120 s). */
    static final Duration RECALL_WINDOW = Duration.ofSeconds(120);

    private final FxBoundary fx;
    private final ConversationBook book;
    private final ToastCenter toasts;
    private final Clock clock;
    private final Supplier<Session> session;
    private final CacheLink cache;

    Amendments(FxBoundary fx, ConversationBook book, ToastCenter toasts, Clock clock, Supplier<Session> session,
               CacheLink cache) {
        this.cache = cache;
        this.fx = fx;
        this.book = book;
        this.toasts = toasts;
        this.clock = clock;
        this.session = session;
    }

    /** Whether {@code item} can be recalled now: the user's own, stored, not recalled, within the window. */
    boolean canRecall(MessageItem item) {
        return item.isMine() && !item.serverId().isEmpty() && !item.isRecalled() && !item.isNote()
                && clock.instant().isBefore(item.time().plus(RECALL_WINDOW));
    }

    /** Whether {@code item} can be edited: the user's own text message, stored and not recalled. */
    boolean canEdit(MessageItem item) {
        return item.isMine() && !item.serverId().isEmpty() && item.content() instanceof MessageContent.Text;
    }

    /** Recalls {@code item}; completes on the FX thread with whether the server took it back. */
    CompletableFuture<Boolean> recall(MessageItem item) {
        Session s = session.get();
        if (s == null || !canRecall(item)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        fx.whenDone(s.client().chatManager().recallMessage(item.serverId()), s::isCurrent, (done, failure) -> {
            if (failure != null) {
                refused("Recall: ", failure, s);
                result.complete(false);
                return;
            }
            apply(item, MessageItem::recalled);
            cache.recalled(item.serverId());
            result.complete(true);
        });
        return result;
    }

    /** Replaces the text of {@code item}; completes on the FX thread with whether the server took it. */
    CompletableFuture<Boolean> edit(MessageItem item, String text) {
        Session s = session.get();
        String body = text.strip();
        if (s == null || !canEdit(item) || body.isEmpty() || Sender.byteLength(body) > Sender.MAX_BYTES) {
            return CompletableFuture.completedFuture(false);
        }
        if (body.equals(item.text())) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        fx.whenDone(s.client().chatManager().modifyMessage(item.serverId(), body), s::isCurrent, (done, failure) -> {
            if (failure != null) {
                refused("Edit: ", failure, s);
                result.complete(false);
                return;
            }
            apply(item, m -> m.isRecalled() ? m : m.edited(body));
            cache.edited(item.serverId(), body, clock.instant());
            result.complete(true);
        });
        return result;
    }

    private void apply(MessageItem item, java.util.function.UnaryOperator<MessageItem> change) {
        book.existingThread(item.conversation()).flatMap(t -> t.updateByServerId(item.serverId(), change))
                .ifPresent(book::changed);
    }

    private void refused(String prefix, Throwable failure, Session s) {
        LOG.log(Level.INFO, prefix + failure.getMessage());
        toasts.show(ToastKind.ERROR, prefix + ErrorMessages.describe(failure, s.request().serverUrl()));
    }
}
