/**
 * The Parley chat SDK, in the spirit of Agora Chat's SDKs.
 * <p>
 * A {@link dev.parley.client.ChatClient} is created from {@link dev.parley.client.ChatOptions}, gets named
 * {@link dev.parley.client.ChatEventHandler}s, logs in with {@code open}, and sends
 * {@link dev.parley.client.ChatMessage}s: text, images, files and custom events, to users or groups (protocol version
 * 1's {@link dev.parley.client.TextMessage} still works). What arrives is a {@link dev.parley.client.ReceivedMessage}
 * with typed {@link dev.parley.protocol.Content}. Beyond sending, the client's managers follow Agora's Android SDK:
 * {@link dev.parley.client.ChatManager} (recall, edit, conversation read, typing, history, search, file transfers),
 * {@link dev.parley.client.GroupManager}, {@link dev.parley.client.PresenceManager} and
 * {@link dev.parley.client.UserInfoManager}.
 * <p>
 * Asynchronous results are {@link java.util.concurrent.CompletableFuture}s; failures are
 * {@link dev.parley.client.ChatException}s carrying an Agora-style error code ({@link dev.parley.client.ChatRestException}
 * adds a REST call's HTTP status and error name). Handlers and transfer progress callbacks run on the client's one
 * event thread. No method accepts or returns {@code null}.
 *
 * <pre>{@code
 * try (ChatClient client = ChatClient.create(ChatOptions.builder()
 *         .appKey("parley#demo").url("ws://127.0.0.1:8080/websocket").build())) {
 *     client.addEventHandler("main", new ChatEventHandler() {
 *         @Override public void onTextMessage(TextMessageEvent m) { System.out.println(m.from() + ": " + m.msg()); }
 *         @Override public void onImageMessage(ReceivedMessage m) { show(m); }
 *     });
 *     client.open("leo", token).join();
 *     client.send(ChatMessage.createTextSendMessage("roy", "Hi, how are you doing?")).join();
 *     client.send(ChatMessage.createImageSendMessage(groupId, Path.of("cat.png")).withChatType(ChatType.GROUP),
 *             (sent, total) -> System.out.println(sent + " of " + total)).join();
 * }
 * }</pre>
 */
package dev.parley.client;
