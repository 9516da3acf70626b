package dev.parley.desktop.chat;

import dev.parley.protocol.Attachment;
import dev.parley.desktop.media.FileBubble;
import dev.parley.desktop.media.ImageBubble;
import dev.parley.desktop.media.ImageViewer;
import dev.parley.desktop.media.MediaCache;
import dev.parley.desktop.service.MessageContent;
import java.util.Objects;
import javafx.scene.Node;

/**
 * The image or file of one {@link MessageCell}: an {@link ImageBubble} for {@link MessageContent.Image}, a
 * {@link FileBubble} for {@link MessageContent.File}. The cell is reused from message to message by the virtualized
 * list, so the slot keeps its bubble while the cell shows the same attachment (a status change, a new layout) and
 * makes a new one only for another attachment or another sign-in's cache; the cache downloads each attachment once,
 * however many bubbles ask for it.
 * <p>
 * Threading: FX thread.
 */
final class MediaSlot {
    private final MediaViewModel media;
    private Node bubble;
    private Attachment shown;
    private MediaCache shownWith;

    MediaSlot(MediaViewModel media) {
        this.media = Objects.requireNonNull(media, "media");
    }

    /** The bubble for {@code content}; {@code null} for content of other kinds (or while signed out). */
    Node bubbleFor(MessageContent content) {
        Attachment file = switch (content) {
            case MessageContent.Image image -> image.file();
            case MessageContent.File f -> f.file();
            default -> null;
        };
        MediaCache cache = media.cache();
        if (file == null || cache == null) {
            return null;
        }
        boolean image = content instanceof MessageContent.Image;
        if (bubble == null || !file.equals(shown) || cache != shownWith || (bubble instanceof ImageBubble) != image) {
            bubble = image
                    ? new ImageBubble(file, cache, a -> ImageViewer.open(window(), a, cache, media.fileActions()))
                    : new FileBubble(file, cache, media.fileActions());
            shown = file;
            shownWith = cache;
        }
        return bubble;
    }

    private javafx.stage.Window window() {
        return bubble == null || bubble.getScene() == null ? null : bubble.getScene().getWindow();
    }
}
