package dev.parley.desktop.media;

import dev.parley.client.ConversationId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;

/**
 * Pasting into a conversation (Ctrl+V in the composer): files on the clipboard are sent as {@link AttachmentSender#send}
 * does (images as images), and a picture (a screenshot, an image copied in a browser) is written as a temporary PNG in
 * the given directory (the profile's, or the system's temp directory), sent as an image named "Pasted image
 * 2026-12-07 11.52.png", and deleted once its upload has ended. Text is left to the composer.
 * <p>
 * Threading: {@link #paste} on the FX thread (the clipboard belongs to it); the PNG is written on the sender's
 * background executor.
 */
public final class ClipboardPaste {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");

    private final AttachmentSender sender;
    private final Path tempDir;

    /**
     * Pastes through {@code sender}.
     *
     * @param tempDir where pasted pictures are written until sent (created when missing)
     */
    public ClipboardPaste(AttachmentSender sender, Path tempDir) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
    }

    /** Pastes into the system's temp directory. */
    public ClipboardPaste(AttachmentSender sender) {
        this(sender, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Sends what {@code clipboard} holds to {@code to}: its files, else its picture. FX thread.
     *
     * @return the uploads started; empty when the clipboard holds neither (the composer pastes its text then)
     */
    public List<Upload> paste(Clipboard clipboard, ConversationId to) {
        Objects.requireNonNull(to, "to");
        if (clipboard.hasFiles()) {
            return clipboard.getFiles().stream().map(File::toPath).map(p -> sender.send(to, p)).toList();
        }
        if (clipboard.hasImage()) {
            Image image = clipboard.getImage();
            if (image != null) {
                return List.of(pasteImage(image, to));
            }
        }
        return List.of();
    }

    /** Sends {@code image} as a PNG, written off the FX thread to a temporary file that is deleted afterwards. */
    public Upload pasteImage(Image image, ConversationId to) {
        String name = "Pasted image " + STAMP.format(LocalDateTime.now()) + ".png";
        return sender.sendTemporary(to, name, () -> writeTemporaryPng(image, tempDir));
    }

    /** Writes {@code image} as a PNG file of its own (mode 600 where the system has modes) in {@code dir}. Blocking. */
    static Path writeTemporaryPng(Image image, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "pasted-", ".png"); // owner-only on POSIX systems
        try {
            PngWriter.write(image, file);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
