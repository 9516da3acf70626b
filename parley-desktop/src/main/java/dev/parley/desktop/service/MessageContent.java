package dev.parley.desktop.service;

import dev.parley.client.GroupEvent;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MessageItem} shows: text, an image, a file, a custom event, a recalled message, or a note of a group
 * event in the timeline. Immutable records; a new kind of content is one more record here, and the compiler then
 * names every {@code switch} that has to show it. The SDK's {@link Attachment} is kept whole, so that a view can
 * fetch the thumbnail or the file.
 */
public sealed interface MessageContent {

    /** One line of plain text for this content, as a bubble shows it until a richer view exists. */
    String line();

    /** What the conversation list shows for it: "📷 Photo", "📄 report.pdf", the text's first line. */
    String preview();

    /** The {@code msgType} on the wire ({@code txt}, {@code img}, {@code file}, {@code custom}); "note" for a note. */
    default String msgType() {
        return switch (this) {
            case Text t -> "txt";
            case Image i -> "img";
            case File f -> "file";
            case Custom c -> "custom";
            case Recalled r -> r.msgType();
            case Note n -> "note";
        };
    }

    /** {@code txt}. */
    record Text(String text) implements MessageContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String line() {
            return text;
        }

        @Override
        public String preview() {
            return ConversationItem.previewOf(text);
        }
    }

    /** {@code img}: the attachment as the SDK gave it (uuid, secret, name, size, urls). */
    record Image(Attachment file) implements MessageContent {
        public Image {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String line() {
            return "📷 " + file.filename();
        }

        @Override
        public String preview() {
            return "📷 Photo";
        }
    }

    /** {@code file}: the attachment as the SDK gave it. */
    record File(Attachment file) implements MessageContent {
        public File {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String line() {
            return "📄 " + file.filename() + " · " + size(file.size());
        }

        @Override
        public String preview() {
            return "📄 " + file.filename();
        }
    }

    /** {@code custom}: an application event with string fields. */
    record Custom(String event, Map<String, String> fields) implements MessageContent {
        public Custom {
            Objects.requireNonNull(event, "event");
            fields = Map.copyOf(fields);
        }

        @Override
        public String line() {
            return "A custom message (“" + event + "”) that this app does not show.";
        }

        @Override
        public String preview() {
            return "Custom message: " + event;
        }
    }

    /** A message its sender took back; only its type is left. */
    record Recalled(String msgType) implements MessageContent {
        /** The words shown in its place. */
        public static final String WORDS = "This message was recalled";

        public Recalled {
            Objects.requireNonNull(msgType, "msgType");
        }

        @Override
        public String line() {
            return WORDS;
        }

        @Override
        public String preview() {
            return WORDS;
        }
    }

    /**
     * A group event shown as a centred note ("roy added amy").
     *
     * @param event     the event
     * @param groupName the group's name after an {@link GroupEvent.Kind#UPDATED}, else {@code ""}
     * @param text      the sentence, with the names known when it was made ({@link GroupNotes})
     */
    record Note(GroupEvent event, String groupName, String text) implements MessageContent {
        public Note {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(groupName, "groupName");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String line() {
            return text;
        }

        @Override
        public String preview() {
            return text;
        }
    }

    /** The content of a message from the server. */
    static MessageContent of(Content content) {
        return switch (content) {
            case Content.Text t -> new Text(t.text());
            case Content.Image i -> new Image(i.file());
            case Content.File f -> new File(f.file());
            case Content.Custom c -> new Custom(c.event(), c.exts());
            case Content.Recalled r -> new Recalled(r.msgType());
        };
    }

    /** A size in bytes as people read it: "812 B", "4.2 KB", "1.2 MB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
