package dev.parley.client;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link ChatMessage} carries: content that can be sent as it is ({@link Ready}), or a local file that the SDK
 * uploads first ({@link LocalFile}) and then sends as an {@code img} or {@code file} message.
 */
public sealed interface MessageBody permits MessageBody.Ready, MessageBody.LocalFile {

    /** The {@code msgType} on the wire: {@code txt}, {@code img}, {@code file} or {@code custom}. */
    String msgType();

    /**
     * Content that needs no upload: text, a custom event, or an image or file already uploaded (for instance one
     * being forwarded).
     *
     * @param content the content; never {@link Content.Recalled}
     */
    record Ready(Content content) implements MessageBody {
        /** Checks the content. */
        public Ready {
            Objects.requireNonNull(content, "content");
            if (content instanceof Content.Recalled) {
                throw new IllegalArgumentException("a recalled message cannot be sent");
            }
        }

        @Override
        public String msgType() {
            return content.msgType();
        }
    }

    /**
     * A file on this device, to be uploaded ({@code POST …/chatfiles}) before the message is sent. The file is read
     * when the upload starts (and again if it has to start over), streamed, never held in memory.
     *
     * @param msgType  {@code img} or {@code file}
     * @param path     the file
     * @param filename the name the recipients see, not blank
     * @param mime     its media type, such as {@code image/png}
     * @param width    an image's width in pixels, 0 when unknown
     * @param height   an image's height in pixels, 0 when unknown
     */
    record LocalFile(String msgType, Path path, String filename, String mime, int width, int height)
            implements MessageBody {
        /** Checks the components. */
        public LocalFile {
            Objects.requireNonNull(msgType, "msgType");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(mime, "mime");
            if (!msgType.equals(Content.Image.TYPE) && !msgType.equals(Content.File.TYPE)) {
                throw new IllegalArgumentException("msgType must be img or file");
            }
            if (filename.isBlank() || mime.isBlank()) {
                throw new IllegalArgumentException("filename and mime must not be blank");
            }
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("width and height must not be negative");
            }
        }

        /** The content to send once the file is uploaded as {@code upload} (its uuid and secret). */
        Content sent(Attachment upload) {
            Attachment a = upload.withSize(width, height);
            return msgType.equals(Content.Image.TYPE) ? new Content.Image(a) : new Content.File(a);
        }
    }
}
