package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Messages beyond sending them ({@link ChatClient#send(ChatMessage)}): recall and edit, read and typing indications,
 * history and search, and file transfers. Get it from {@link ChatClient#chatManager()}; modelled on Agora's
 * {@code ChatManager}. Thread-safe; futures complete on internal threads (never the event thread), as
 * {@link ChatClient}'s do.
 *
 * <h2>How requests over the WebSocket learn their outcome</h2>
 * {@link #recallMessage}, {@link #modifyMessage}, {@link #ackConversationRead} and {@link #sendTyping} (and the
 * {@link PresenceManager}'s requests) need a login ({@link ErrorCode#NOT_LOGGED_IN} 39 before, and
 * {@link ErrorCode#DISCONNECTED} 16 while reconnecting) and are not kept for a reconnect. The server answers a failure
 * with an {@code error} frame that names no request, and success mostly with nothing, so the SDK decides:
 * <ul>
 *   <li>an {@code error} frame fails the oldest waiting request that can meet its code (a recall: 504, 210 …; an edit:
 *       210, 511 …; any: -3, 500, 509), since the server answers a session's frames in order;</li>
 *   <li>a recall succeeds as soon as this session sees the {@code recalled} of that message by this user, an edit as
 *       soon as it sees that {@code edited} (if the server echoes them to the sending session, which the protocol does
 *       not promise);</li>
 *   <li>otherwise a request succeeds when no error met it within {@link ChatOptions#requestSettleTime()} (2 s by
 *       default); an error later than that is raised with {@link ChatEventHandler#onError} instead;</li>
 *   <li>a request whose connection is lost first fails with 16: the server may or may not have carried it out.</li>
 * </ul>
 */
public final class ChatManager {
    /** The most messages a history page or a search returns. */
    public static final int MAX_PAGE_SIZE = 50;

    private final ChatSession session;
    private final RestApi rest;
    private final FileTransfers transfers;

    ChatManager(ChatSession session, RestApi rest, FileTransfers transfers) {
        this.session = session;
        this.rest = rest;
        this.transfers = transfers;
    }

    /**
     * Takes back a message this user sent, within the server's recall window (2 minutes by default). Every member of the
     * conversation, and this user's other devices, get {@link ChatEventHandler#onRecallMessage}; the server deletes the
     * body and its file.
     *
     * @param messageId the message's server id
     * @return completes as described in the class description; fails with 504 after the recall window, 210 if this
     *         user did not send it, 39 or 16 when not connected
     */
    public CompletableFuture<Void> recallMessage(String messageId) {
        requireText("messageId", messageId);
        return session.request((requests, future) -> requests.recall(messageId, future));
    }

    /**
     * Replaces the text of a text message this user sent; members get {@link ChatEventHandler#onModifiedMessage}, and
     * history returns the new text with {@code edited} set.
     *
     * @return completes as described in the class description; fails with 210 if this user did not send it (or it is
     *         not a text message), 511 if the text is too long, 39 or 16 when not connected
     */
    public CompletableFuture<Void> modifyMessage(String messageId, String newText) {
        requireText("messageId", messageId);
        Objects.requireNonNull(newText, "newText");
        if (newText.isEmpty()) {
            throw new IllegalArgumentException("newText must not be empty");
        }
        return session.request((requests, future) -> requests.edit(messageId, newText, future));
    }

    /**
     * Marks a whole conversation read (Agora's channel ack): every message to this user in it becomes read; the peer of
     * a one-to-one conversation and this user's other devices get {@link ChatEventHandler#onChannelMessage}.
     *
     * @param chatType       the kind of conversation
     * @param conversationId the peer's user id or the group id
     * @return completes as described in the class description; fails with 602 (not a member), 605 (no such group), 39
     *         or 16 when not connected
     */
    public CompletableFuture<Void> ackConversationRead(ChatType chatType, String conversationId) {
        ConversationId conversation = conversation(chatType, conversationId);
        return session.request((requests, future) -> requests.channelAck(conversation, future));
    }

    /**
     * Tells the members online now that this user is typing (for 5 s). Call it as the user types: the SDK sends at
     * most one a second per conversation, and a call within that second completes at once without sending anything.
     *
     * @return completes as described in the class description; fails with 602 (not a member), 39 or 16
     */
    public CompletableFuture<Void> sendTyping(ChatType chatType, String conversationId) {
        ConversationId conversation = conversation(chatType, conversationId);
        return session.request((requests, future) -> requests.typing(conversation, future));
    }

    /**
     * A page of a conversation's history, newest first: messages of every kind ({@link HistoryPage#receivedMessages()}),
     * a recalled one with {@link Content.Recalled} content, an edited one with its new text and {@code edited} set.
     *
     * @param chatType       the kind of conversation
     * @param conversationId the peer's user id or the group id
     * @param before         the cursor of the previous page ({@link HistoryPage#cursor()}), or {@code ""} for the
     *                       newest page
     * @param limit          the page size, 1 to 50
     * @return fails with 39 before the first login, or a {@link ChatRestException} (602 when this user is not in the
     *         group)
     */
    public CompletableFuture<HistoryPage> history(ChatType chatType, String conversationId, String before, int limit) {
        return history(chatType, conversationId, before, limit, SearchDirection.UP);
    }

    /**
     * A page of a conversation's history read from a message either way, as Agora's fetch of history does with its
     * search direction: {@link SearchDirection#UP} gives the messages older than {@code from}, newest first (as
     * {@link #history(ChatType, String, String, int)}); {@link SearchDirection#DOWN} gives the messages newer than
     * {@code from}, <em>oldest first</em>, and its {@link HistoryPage#cursor()} is where the next, newer page starts
     * ({@link HistoryPage#isLast()}: the newest message is in). A reader that found an old message (a search result, a
     * reply's original) reads on towards the newest this way.
     *
     * @param chatType       the kind of conversation
     * @param conversationId the peer's user id or the group id
     * @param from           the server id of the message to read from (not included), or a cursor from a page read
     *                       the same way; {@code ""} for the newest page (UP) or the oldest (DOWN)
     * @param limit          the page size, 1 to 50
     * @param direction      which way to read
     * @return fails with 39 before the first login, or a {@link ChatRestException}
     */
    public CompletableFuture<HistoryPage> history(ChatType chatType, String conversationId, String from, int limit,
                                                  SearchDirection direction) {
        ConversationId conversation = conversation(chatType, conversationId);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(direction, "direction");
        requireLimit(limit);
        String after = direction == SearchDirection.DOWN ? (from.isEmpty() ? "0" : from) : "";
        String before = direction == SearchDirection.UP ? from : "";
        return session.identity().thenCompose(id -> rest.history(id.user(), id.token(), conversation.chatType(),
                conversation.id(), before, after, limit));
    }

    /**
     * Searches the text of this user's messages in all their conversations: those containing the words of
     * {@code query} (any case; Chinese, Japanese and Korean text found by substring), newest first.
     *
     * @param limit the most messages to return, 1 to 50
     * @return fails with 39 before the first login, or a {@link ChatRestException}
     */
    public CompletableFuture<List<ReceivedMessage>> searchMessages(String query, int limit) {
        return search(query, Optional.empty(), "", limit);
    }

    /** Searches as {@link #searchMessages(String, int)} does, in conversations of one kind only. */
    public CompletableFuture<List<ReceivedMessage>> searchMessages(String query, ChatType chatType, int limit) {
        Objects.requireNonNull(chatType, "chatType");
        return search(query, Optional.of(chatType), "", limit);
    }

    /** Searches as {@link #searchMessages(String, int)} does, in one conversation only. */
    public CompletableFuture<List<ReceivedMessage>> searchMessages(String query, ChatType chatType,
                                                                   String conversationId, int limit) {
        ConversationId conversation = conversation(chatType, conversationId);
        return search(query, Optional.of(conversation.chatType()), conversation.id(), limit);
    }

    /**
     * Uploads a file ({@code POST …/chatfiles}, streamed from disk) to send later as an image or file message:
     * {@code ChatMessage.create(to, new Content.Image(attachment.withSize(w, h)))}. Messages made with
     * {@link ChatMessage#createImageSendMessage} need no call to this: {@link ChatClient#send(ChatMessage)} uploads them.
     *
     * @param progress called on the event thread (see {@link TransferListener})
     * @return the attachment (uuid, share secret, name, size, media type); cancelling the future stops the upload.
     *         Fails with 400 when the file cannot be read, a {@link ChatRestException} (405 when it is too large), -1
     *         when no byte moved for the REST timeout, 16 when the server could not be reached, 39 before the first
     *         login
     */
    public CompletableFuture<Attachment> uploadFile(Path file, TransferListener progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(progress, "progress");
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        return transfer(id -> transfers.upload(id.token(), file, name, ChatMessage.mimeOf(file), progress));
    }

    /**
     * Downloads a message's file ({@code GET …/chatfiles/{uuid}} with its share secret), streamed to {@code target}
     * (replaced if it exists; written under a temporary name and moved into place when complete).
     *
     * @param file     the attachment of an {@link Content.Image} or {@link Content.File}
     * @param progress called on the event thread (see {@link TransferListener})
     * @return {@code target}; cancelling the future stops the download and leaves no file. Fails with a
     *         {@link ChatRestException} (401 for a wrong secret, 400 when the server has no such file), 403 when the
     *         file cannot be written, -1 when no byte moved for the REST timeout, 16 when the connection broke, 39
     *         before the first login
     */
    public CompletableFuture<Path> downloadFile(Attachment file, Path target, TransferListener progress) {
        return download(file, false, target, progress);
    }

    /**
     * Downloads an image's thumbnail (longest side at most 320 px; {@code ?thumbnail=true}) to {@code target}, as
     * {@link #downloadFile} does.
     */
    public CompletableFuture<Path> downloadThumbnail(Attachment image, Path target, TransferListener progress) {
        return download(image, true, target, progress);
    }

    private CompletableFuture<Path> download(Attachment file, boolean thumbnail, Path target,
                                             TransferListener progress) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        return transfer(id -> transfers.download(id.token(), file, thumbnail, target, progress));
    }

    /** Starts a transfer once the identity is known; cancelling the returned future stops it. */
    private <T> CompletableFuture<T> transfer(Function<Identity, Transfer<T>> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        session.identity().whenComplete((id, failure) -> {
            if (failure != null) {
                result.completeExceptionally(Completions.asChatException(failure));
                return;
            }
            if (result.isDone()) { // cancelled before it started
                return;
            }
            CompletableFuture<T> inner = start.apply(id).result();
            result.whenComplete((v, e) -> inner.cancel(true));
            inner.whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        });
        return result;
    }

    private CompletableFuture<List<ReceivedMessage>> search(String query, Optional<ChatType> chatType, String peer,
                                                            int limit) {
        requireText("query", query);
        requireLimit(limit);
        return session.identity().thenCompose(id -> rest.search(id.user(), id.token(), query, chatType, peer, limit));
    }

    private static ConversationId conversation(ChatType chatType, String id) {
        Objects.requireNonNull(chatType, "chatType");
        requireText("conversationId", id);
        return new ConversationId(chatType, id);
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    static void requireText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
