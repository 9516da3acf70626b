/**
 * The Parley chat SDK, in the spirit of Agora Chat's Web SDK.
 * <p>
 * A {@link dev.parley.client.ChatClient} is created from {@link dev.parley.client.ChatOptions}, gets named
 * {@link dev.parley.client.ChatEventHandler}s, logs in with {@code open}, and sends
 * {@link dev.parley.client.TextMessage}s. Asynchronous results are {@link java.util.concurrent.CompletableFuture}s;
 * failures are {@link dev.parley.client.ChatException}s carrying an Agora-style error code. No method accepts or
 * returns {@code null}.
 *
 * <pre>{@code
 * try (ChatClient client = ChatClient.create(ChatOptions.builder()
 *         .appKey("parley#demo").url("ws://127.0.0.1:8080/websocket").build())) {
 *     client.addEventHandler("main", new ChatEventHandler() {
 *         @Override public void onTextMessage(TextMessageEvent m) { System.out.println(m.from() + ": " + m.msg()); }
 *     });
 *     client.open("leo", token).join();
 *     client.send(TextMessage.create("roy", "Hi, how are you doing?")).join();
 * }
 * }</pre>
 */
package dev.parley.client;
