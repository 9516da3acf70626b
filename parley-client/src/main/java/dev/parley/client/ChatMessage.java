package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send with {@link ChatClient#send(ChatMessage)}: text, an image, a file or a custom event, to a user
 * ({@link ChatType#SINGLE}, the default) or a group ({@link ChatType#GROUP}, set with {@link #withChatType}).
 * Immutable; the {@code with…} methods return a copy with the same local id. Modelled on Agora's
 * {@code ChatMessage.createTextSendMessage} family:
 *
 * <pre>{@code
 * client.send(ChatMessage.createTextSendMessage("roy", "Hi!"));
 * client.send(ChatMessage.createImageSendMessage("1234", Path.of("cat.png")).withChatType(ChatType.GROUP),
 *         (sent, total) -> progressBar.set(sent, total));
 * }</pre>
 * Each factory gives the message a fresh {@link #localId()}; sending the same message again is a safe retry (the server
 * stores it once). An image or file message holds a {@link MessageBody.LocalFile}, which the SDK uploads before it
 * sends the message; {@link #create(String, Content)} sends content already uploaded.
 *
 * @param localId  the client-chosen id, unique per sender: 1 to 64 characters
 * @param to       the recipient's user id, or the group id
 * @param chatType the kind of conversation
 * @param body     what the message carries
 * @param ext      application-defined extension fields, an empty object when none
 */
public record ChatMessage(String localId, String to, ChatType chatType, MessageBody body, JsonObject ext) {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String OCTET_STREAM = "application/octet-stream";

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the local id is empty or longer than 64 characters, or {@code to} is blank
     */
    public ChatMessage {
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(ext, "ext");
        if (localId.isEmpty() || localId.length() > Frame.Send.MAX_LOCAL_ID_LENGTH) {
            throw new IllegalArgumentException("localId must have 1 to " + Frame.Send.MAX_LOCAL_ID_LENGTH
                    + " characters");
        }
        if (to.isBlank()) {
            throw new IllegalArgumentException("to must not be blank");
        }
    }

    /**
     * A text message ({@code txt}); the server refuses more than 5 KB of UTF-8 with 511.
     *
     * @throws IllegalArgumentException if the text is empty
     */
    public static ChatMessage createTextSendMessage(String to, String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
        return create(to, new Content.Text(text));
    }

    /**
     * An image message ({@code img}) of a local file, uploaded when the message is sent. Its name is the file's, its
     * media type guessed from the file (change them with {@link #withFileName} and {@link #withMime}); give its size in
     * pixels with {@link #withImageSize} so that recipients can lay it out before they download it.
     *
     * @throws IllegalArgumentException if {@code image} is not a regular file
     */
    public static ChatMessage createImageSendMessage(String to, Path image) {
        return localFile(to, Content.Image.TYPE, image);
    }

    /**
     * A file message ({@code file}) of a local file, uploaded when the message is sent.
     *
     * @throws IllegalArgumentException if {@code file} is not a regular file
     */
    public static ChatMessage createFileSendMessage(String to, Path file) {
        return localFile(to, Content.File.TYPE, file);
    }

    /**
     * A custom message ({@code custom}): an application event (1–64 characters) with string fields (the server refuses
     * more than 5 KB of them as JSON).
     */
    public static ChatMessage createCustomSendMessage(String to, String event, Map<String, String> exts) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(exts, "exts");
        try {
            return create(to, new Content.Custom(event, exts));
        } catch (FrameException e) { // the event's length
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A message of content that needs no upload: text, a custom event, or an image or file this user already uploaded
     * (an {@link Attachment} from {@link ChatManager#uploadFile}, or from a message this user sent before). The server
     * refuses an upload of another user with -3: to forward someone else's file, download it and send it anew.
     *
     * @throws IllegalArgumentException if the content is {@link Content.Recalled}
     */
    public static ChatMessage create(String to, Content content) {
        return new ChatMessage(TextMessage.newLocalId(), to, ChatType.SINGLE, new MessageBody.Ready(content),
                JsonValue.EMPTY_JSON_OBJECT);
    }

    /** This message to a user ({@link ChatType#SINGLE}) or a group ({@link ChatType#GROUP}). */
    public ChatMessage withChatType(ChatType chatType) {
        return new ChatMessage(localId, to, chatType, body, ext);
    }

    /** This message with the given extension fields. */
    public ChatMessage withExt(JsonObject ext) {
        return new ChatMessage(localId, to, chatType, body, ext);
    }

    /**
     * This message with the given extension fields, converted to JSON (values may be strings, numbers, booleans, maps
     * and collections of these).
     *
     * @throws IllegalArgumentException if a value cannot be written as JSON
     */
    public ChatMessage withExt(Map<String, ?> ext) {
        Objects.requireNonNull(ext, "ext");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) ext;
            return withExt(JSON.createObjectBuilder(values).build());
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("ext has a value that cannot be written as JSON", e);
        }
    }

    /**
     * This image message with its size in pixels.
     *
     * @throws IllegalStateException if this is not an image message of a local file
     */
    public ChatMessage withImageSize(int width, int height) {
        MessageBody.LocalFile f = localFile(Content.Image.TYPE);
        return withBody(new MessageBody.LocalFile(f.msgType(), f.path(), f.filename(), f.mime(), width, height));
    }

    /**
     * This image or file message with another name for its file (the name recipients see).
     *
     * @throws IllegalStateException if this is not a message of a local file
     */
    public ChatMessage withFileName(String filename) {
        MessageBody.LocalFile f = localFile("");
        return withBody(new MessageBody.LocalFile(f.msgType(), f.path(), filename, f.mime(), f.width(), f.height()));
    }

    /**
     * This image or file message with another media type for its file.
     *
     * @throws IllegalStateException if this is not a message of a local file
     */
    public ChatMessage withMime(String mime) {
        MessageBody.LocalFile f = localFile("");
        return withBody(new MessageBody.LocalFile(f.msgType(), f.path(), f.filename(), mime, f.width(), f.height()));
    }

    /** The {@code msgType} on the wire. */
    public String msgType() {
        return body.msgType();
    }

    /** This message, its file uploaded as {@code upload}: ready to send. */
    ChatMessage withUpload(Attachment upload) {
        return withBody(new MessageBody.Ready(localFile("").sent(upload)));
    }

    /** The frame that sends this message; only for a message whose body is {@link MessageBody.Ready}. */
    Frame.Send frame() {
        if (!(body instanceof MessageBody.Ready ready)) {
            throw new IllegalStateException("the file is not uploaded yet");
        }
        Content content = switch (ready.content()) { // a send names the upload; the addresses are the server's
            case Content.Image i -> new Content.Image(i.file().withUrls("", ""));
            case Content.File f -> new Content.File(f.file().withUrls("", ""));
            default -> ready.content();
        };
        return new Frame.Send(localId, to, chatType, content, ext);
    }

    private ChatMessage withBody(MessageBody newBody) {
        return new ChatMessage(localId, to, chatType, newBody, ext);
    }

    private MessageBody.LocalFile localFile(String msgType) {
        if (body instanceof MessageBody.LocalFile f && (msgType.isEmpty() || f.msgType().equals(msgType))) {
            return f;
        }
        throw new IllegalStateException("not a message of a local " + (msgType.isEmpty() ? "file" : "image"));
    }

    private static ChatMessage localFile(String to, String msgType, Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        Path name = file.getFileName();
        MessageBody.LocalFile body = new MessageBody.LocalFile(msgType, file, name == null ? "file" : name.toString(),
                mimeOf(file), 0, 0);
        return new ChatMessage(TextMessage.newLocalId(), to, ChatType.SINGLE, body, JsonValue.EMPTY_JSON_OBJECT);
    }

    /** The media type of a file: as the platform guesses it, else by a few common extensions. */
    static String mimeOf(Path file) {
        try {
            String probed = Files.probeContentType(file);
            if (probed != null && !probed.isBlank()) {
                return probed;
            }
        } catch (IOException | SecurityException e) {
            // guess by name below
        }
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "pdf" -> "application/pdf";
            case "txt" -> "text/plain";
            default -> OCTET_STREAM;
        };
    }
}
