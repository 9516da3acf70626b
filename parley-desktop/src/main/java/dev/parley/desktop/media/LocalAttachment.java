package dev.parley.desktop.media;

import dev.parley.protocol.Attachment;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image or file of a message that waits in the outbox, not uploaded yet, shown as the bubbles show any attachment:
 * an {@link Attachment} whose uuid is marked local and whose address is the file on this device. The
 * {@link MediaCache} hands out that file instead of downloading, so a waiting image shows its thumbnail and a waiting
 * file its row. Stateless.
 */
public final class LocalAttachment {
    private static final String PREFIX = "local:";

    private LocalAttachment() {
    }

    /** The attachment of message {@code localId}'s file {@code file}, sent as {@code name}. */
    public static Attachment of(String localId, Path file, String name, long size, String mime, int width,
                                int height) {
        return new Attachment(PREFIX + localId, "-", name, size, mime, width, height,
                file.toAbsolutePath().toUri().toString(), "");
    }

    /** The file on this device of an attachment made by {@link #of}; empty for one the server has. */
    public static Optional<Path> file(Attachment attachment) {
        if (!attachment.uuid().startsWith(PREFIX) || !attachment.url().startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(URI.create(attachment.url())));
    }
}
