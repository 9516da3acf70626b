package dev.parley.client;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection to a Parley server for one user at a time: log in, send and receive messages of every kind, one-to-one
 * and in groups, and call the REST API. Modelled on Agora Chat's Web SDK {@code connection}; what the Android SDK puts
 * in managers is here too: {@link #chatManager()} (recall, edit, read and typing indications, history, search, files),
 * {@link #groupManager()}, {@link #presenceManager()} and {@link #userInfoManager()}.
 *
 * <h2>Lifecycle</h2>
 * {@link #create(ChatOptions)} makes a client in state {@link ConnectionState#DISCONNECTED}; {@link #open} or
 * {@link #openWithPassword} logs in ({@code CONNECTING}, then {@code CONNECTED}). A lost connection is restored on its
 * own ({@code RECONNECTING}; see {@link ReconnectPolicy}; by default the client never stops trying unless the server
 * refuses the user or the token) while sends wait in an outbox and are sent again, once each,
 * when the connection is back. When the token expires the session ends ({@code DISCONNECTED}) and the application logs
 * in again with {@code open}. {@link #close()} ends everything for good: the client cannot be opened again, and its
 * threads stop. The full state diagram is in {@link ConnectionState}.
 *
 * <h2>Threading</h2>
 * All methods are thread-safe and none blocks, except {@link #close()}, which waits briefly for the client to stop.
 * Results are {@link CompletableFuture}s that fail with a {@link ChatException} (its {@code code()} in Agora's
 * numbering); they are completed on internal threads, never on the event thread, so a handler may wait for one, and in
 * no particular order relative to each other or to events.
 * Events are delivered to {@link ChatEventHandler}s on the client's single event thread, in order (see there).
 * Arguments must not be null: a null argument throws {@link NullPointerException} at once, and an invalid one
 * {@link IllegalArgumentException}; anything that depends on the connection is reported through the future.
 *
 * <h2>Delivery</h2>
 * What the server keeps for this user is acknowledged ({@code delivered {id}}) as soon as it arrives, so the server
 * stops keeping it, and raised once even if it is pushed again:
 * <ul>
 *   <li>a message, with its id, unless it is from this user (a copy of their own message from another device is not
 *       theirs to acknowledge); this holds in groups, where {@code to} is the group;</li>
 *   <li>a recall or an edit, with the message's id (which acknowledges the message and its recall and edit events);
 *       an edit is raised once per edit time, so a second edit is raised too;</li>
 *   <li>a group event or a read acknowledgement of a whole conversation, with its event id when it has one (when it
 *       was stored for this user).</li>
 * </ul>
 * Typing and presence are neither stored nor acknowledged. Read receipts are sent with {@link #markRead(String)}, a
 * whole conversation's with {@link ChatManager#ackConversationRead}.
 * <p>
 * The SDK never logs tokens or passwords.
 */
public final class ChatClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ChatOptions options;
    private final RestApi rest;
    private final EventDispatcher events;
    private final FileTransfers transfers;
    private final ChatSession session;
    private final ChatManager chatManager;
    private final GroupManager groupManager;
    private final PresenceManager presenceManager;
    private final UserInfoManager userInfoManager;

    private ChatClient(ChatOptions options, Transport transport) {
        int number = CLIENTS.incrementAndGet();
        this.options = options;
        this.rest = new RestApi(options);
        this.events = new EventDispatcher("parley-events-" + number);
        this.transfers = new FileTransfers(rest, task -> events.run("a transfer's progress callback", task));
        this.session = new ChatSession(options, transport, rest, transfers, events, "parley-client-" + number);
        this.chatManager = new ChatManager(session, rest, transfers);
        this.groupManager = new GroupManager(session, rest);
        this.presenceManager = new PresenceManager(session);
        this.userInfoManager = new UserInfoManager(session, rest, transfers);
    }

    /** A new client, not logged in. It owns two daemon threads until {@link #close()}. */
    public static ChatClient create(ChatOptions options) {
        Objects.requireNonNull(options, "options");
        return new ChatClient(options, new TyrusTransport(options.connectTimeout()));
    }

    /** A client over another transport (tests drive the state machine without a server). */
    static ChatClient create(ChatOptions options, Transport transport) {
        return new ChatClient(options, transport);
    }

    /** The options this client was created with. */
    public ChatOptions options() {
        return options;
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    /**
     * Registers a handler under a name; a handler already registered under that name is replaced (keeping its place in
     * the calling order). Handlers are called in the order they were first added.
     *
     * @return a registration whose {@code close()} removes this handler
     */
    public EventHandlerRegistration addEventHandler(String id, ChatEventHandler handler) {
        return events.add(id, handler);
    }

    /** Removes the handler registered under {@code id}; whether there was one. */
    public boolean removeEventHandler(String id) {
        return events.remove(id);
    }

    // ---- session --------------------------------------------------------------------------------------------------

    /**
     * Logs in with a token (an AccessToken2 chat user token for this app and user).
     *
     * @param user  the user id; case does not matter ("Leo" is {@code leo})
     * @param token the token
     * A connection that the server closes before answering, without an error, is tried once more at once (a server
     * restarting or shedding connections does that); other failures end the attempt. Reconnecting after a lost
     * session is another matter: see {@link ReconnectPolicy}.
     *
     * @return completes when the server accepted the login; fails with a {@link ChatException} carrying the server's
     *         code (2, 27, 28, 56, 204 …), with {@link ErrorCode#TIMEOUT} when no answer came within the send timeout,
     *         with {@link ErrorCode#DISCONNECTED} when the server could not be reached, and with
     *         {@link IllegalStateException} when the client is not {@code DISCONNECTED}
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<LoginResult> open(String user, String token) {
        requireText("user", user);
        requireText("token", token);
        requireNotClosed();
        return session.open(user, token, "");
    }

    /**
     * Logs in with a password: gets a token from the REST API ({@code POST /{org}/{app}/token}), then logs in with it.
     * The client keeps the password (in memory only) to fetch fresh tokens: it renews the token by itself when it is
     * about to expire, and uses a fresh one for each reconnect attempt.
     *
     * @return as {@link #open}; a wrong password fails with a {@link ChatRestException} (HTTP 401, code 1)
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<LoginResult> openWithPassword(String user, String password) {
        requireText("user", user);
        requireText("password", password);
        requireNotClosed();
        return session.open(user, "", password);
    }

    /**
     * Sends a one-to-one text message (protocol version 1's kind): {@link #send(ChatMessage)} of
     * {@link TextMessage#toChatMessage()}, with the same local id.
     */
    public CompletableFuture<SendReceipt> send(TextMessage message) {
        Objects.requireNonNull(message, "message");
        return send(message.toChatMessage());
    }

    /**
     * Sends a message. While the client is connecting or reconnecting the message waits in the outbox; after a
     * reconnect every message still without a receipt is sent again with the same local id, in the original order.
     * Sending the same message again (the same local id) while it waits is a safe retry: it is sent once.
     * <p>
     * A message with a local file ({@link ChatMessage#createImageSendMessage}, {@link ChatMessage#createFileSendMessage})
     * is first uploaded ({@code POST …/chatfiles}), streamed from disk, while the client is logged in; then sent with
     * the attachment. An upload cut off by a lost connection starts over after the reconnect (five failures while
     * logged in fail the message), and the message is still sent once, with its local id. Messages are written as they
     * become ready, so a text sent during an upload may arrive before the image. Cancelling the future takes the
     * message out of the outbox and stops its upload; once its frame was written the server may still store it.
     *
     * @return completes with the receipt once the server has stored the message; fails with
     *         {@link ErrorCode#TIMEOUT} (-1) when no receipt came within the send timeout (counted from this call, or
     *         for a message with a file from the end of its upload), with the code of the server's error (500, 509,
     *         511, 204, 602, -3 …), with the upload's failure ({@link ChatRestException}; 400 when the file cannot be
     *         read, 405 when it is too large), with {@link ErrorCode#NOT_LOGGED_IN} (39) when the client is not logged
     *         in, and with {@link ErrorCode#DISCONNECTED} (16) when the session ended first
     */
    public CompletableFuture<SendReceipt> send(ChatMessage message) {
        return send(message, TransferListener.NONE);
    }

    /**
     * Sends a message as {@link #send(ChatMessage)} does, reporting the progress of its file's upload to
     * {@code progress} (on the event thread; an upload that starts over counts from 0 again).
     */
    public CompletableFuture<SendReceipt> send(ChatMessage message, TransferListener progress) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(progress, "progress");
        return session.send(message, progress);
    }

    /**
     * Replaces the session's token before it expires (answering {@link ChatEventHandler#onTokenWillExpire()}).
     *
     * @return completes with the new expiry; fails with 39 when not logged in, 16 while not connected, the server's
     *         code (28, 56 …) when it refuses the token, or -1 on timeout
     */
    public CompletableFuture<Instant> renewToken(String token) {
        requireText("token", token);
        return session.renewToken(token);
    }

    /**
     * Tells the sender that this user has read a message (a read receipt).
     *
     * @param serverId the message's server id ({@link TextMessageEvent#id()})
     * @return completes when the receipt was handed to the connection; fails with 39 or 16 when not connected
     */
    public CompletableFuture<Void> markRead(String serverId) {
        requireText("serverId", serverId);
        return session.request((requests, future) -> requests.read(serverId, future));
    }

    /** Messages of every kind: recall, edit, read and typing indications, history, search, file transfers. */
    public ChatManager chatManager() {
        return chatManager;
    }

    /** Groups: create, read, change, destroy, members, the groups this user is in. */
    public GroupManager groupManager() {
        return groupManager;
    }

    /** Presence: who is online, and this user's status line. */
    public PresenceManager presenceManager() {
        return presenceManager;
    }

    /** Profiles: this user's nickname and avatar, other users' profiles. */
    public UserInfoManager userInfoManager() {
        return userInfoManager;
    }

    /**
     * Tries to reconnect at once instead of waiting for the next scheduled attempt: call it when the user acts (types,
     * focuses the window) or the network comes back. Does nothing unless the client is
     * {@link ConnectionState#RECONNECTING} and waiting between attempts, or if the last attempt started less than two
     * seconds ago (so a user typing does not hammer the server). A failed attempt goes on with the schedule.
     */
    public void reconnectNow() {
        session.reconnectNow();
    }

    /** The current connection state. */
    public ConnectionState connectionState() {
        return session.state();
    }

    /** Whether the client is logged in right now ({@link ConnectionState#CONNECTED}). */
    public boolean isOpened() {
        return session.state() == ConnectionState.CONNECTED;
    }

    /** The user of the current or last session, once a login was accepted (lowercase). */
    public Optional<String> currentUser() {
        String user = session.user();
        return user.isEmpty() || session.state() == ConnectionState.CONNECTING ? Optional.empty() : Optional.of(user);
    }

    /**
     * Logs out and releases the client: closes the socket, cancels timers and reconnecting, fails waiting sends with
     * {@link ErrorCode#DISCONNECTED} (16), reports {@code onDisconnected(CLOSED)} if a session was up, and stops the
     * client's threads once the queued events are delivered. Afterwards every request fails with
     * {@link ErrorCode#NOT_LOGGED_IN}. Idempotent; may be called from a handler.
     */
    @Override
    public void close() {
        session.close();
        rest.close();
        transfers.close();
        events.shutdown();
    }

    // ---- REST -----------------------------------------------------------------------------------------------------

    /**
     * Creates a user ({@code POST /{org}/{app}/users}). Needs no login when the server allows open registration.
     *
     * @return the user as stored; fails with a {@link ChatRestException}: 400 {@code illegal_argument} for an invalid
     *         name or password, 400 {@code duplicate_unique_property_exists} for a taken name
     */
    public CompletableFuture<RegisteredUser> registerUser(String username, String password, String nickname) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(nickname, "nickname");
        return rest.registerUser(username, password, nickname);
    }

    /** Creates a user without a nickname; see {@link #registerUser(String, String, String)}. */
    public CompletableFuture<RegisteredUser> registerUser(String username, String password) {
        return registerUser(username, password, "");
    }

    /**
     * The logged-in user's conversations, newest first, each with its last message and unread count.
     *
     * @return fails with 39 before the first login, or a {@link ChatRestException}
     */
    public CompletableFuture<List<Conversation>> conversations() {
        return session.identity().thenCompose(id -> rest.conversations(id.user(), id.token()));
    }

    /**
     * The newest page of the history with {@code peer}.
     *
     * @param limit the page size, 1 to 50
     * @return the messages newest first, and a cursor for the next (older) page
     */
    public CompletableFuture<HistoryPage> history(String peer, int limit) {
        return history(peer, "", limit);
    }

    /**
     * A page of the one-to-one history with {@code peer}: the messages older than {@code before}
     * ({@link ChatManager#history} reads groups too).
     *
     * @param before the cursor of the previous page ({@link HistoryPage#cursor()}), or {@code ""} for the newest page
     * @param limit  the page size, 1 to 50
     */
    public CompletableFuture<HistoryPage> history(String peer, String before, int limit) {
        return chatManager.history(ChatType.SINGLE, peer, before, limit);
    }

    /**
     * Looks a user up ({@code GET /{org}/{app}/users/{username}} with this user's token), to check that a user ID
     * exists before starting a conversation and to learn their nickname.
     * <p>
     * Parley's protocol v1 has no such endpoint; a server without it answers 404 {@code not_found}, and the future
     * fails with that {@link ChatRestException}, so that callers can tell "no such user" from "cannot tell".
     *
     * @return the user, or empty when the server says there is no such user (404
     *         {@code service_resource_not_found}); fails with 39 before the first login, or a {@link ChatRestException}
     */
    public CompletableFuture<Optional<RegisteredUser>> lookUpUser(String username) {
        requireText("username", username);
        return session.identity().thenCompose(id -> rest.user(id.token(), username, JsonBodies::registeredUser));
    }

    private void requireNotClosed() {
        if (session.isClosed()) {
            throw new IllegalStateException("the client is closed");
        }
    }

    private static void requireText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ChatClient[" + options.appKey() + ", " + session.state()
                + session.user().transform(u -> u.isEmpty() ? "" : ", " + u) + "]";
    }
}
