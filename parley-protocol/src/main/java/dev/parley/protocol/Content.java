package dev.parley.protocol;

import java.util.Map;

/**
 * What a message holds, by its {@code msgType}: text, an image, a file or a custom event. A message that was recalled
 * holds {@link Recalled}, which keeps only the type it had. Records check their fields; none is {@code null}.
 * <p>
 * Limits that depend on the server's configuration (the 5 KB text limit, the size of custom fields) are checked by
 * the server, not here.
 */
public sealed interface Content {

    /** The {@code msgType} on the wire. */
    String msgType();

    /**
     * The text of a {@code txt} message, the file name of an image or file, the event of a custom message, {@code ""}
     * for a recalled one: what a preview or a search shows.
     */
    String summary();

    /** {@code txt}: text, never empty. */
    record Text(String text) implements Content {
        public static final String TYPE = "txt";

        public Text {
            text = Fields.required("msg", text);
        }

        @Override
        public String msgType() {
            return TYPE;
        }

        @Override
        public String summary() {
            return text;
        }
    }

    /** {@code img}: an image upload. */
    record Image(Attachment file) implements Content {
        public static final String TYPE = "img";

        public Image {
            Fields.requiredValue("file", file);
        }

        @Override
        public String msgType() {
            return TYPE;
        }

        @Override
        public String summary() {
            return file.filename();
        }
    }

    /** {@code file}: any other upload. */
    record File(Attachment file) implements Content {
        public static final String TYPE = "file";

        public File {
            Fields.requiredValue("file", file);
        }

        @Override
        public String msgType() {
            return TYPE;
        }

        @Override
        public String summary() {
            return file.filename();
        }
    }

    /** {@code custom}: an application event (1–64 characters) with string fields. */
    record Custom(String event, Map<String, String> exts) implements Content {
        public static final String TYPE = "custom";
        /** The longest event name, in characters. */
        public static final int MAX_EVENT_LENGTH = 64;

        public Custom {
            event = Fields.required("customEvent", event);
            if (event.length() > MAX_EVENT_LENGTH) {
                throw new FrameException(ErrorCode.BAD_FRAME, "customEvent is longer than " + MAX_EVENT_LENGTH);
            }
            exts = exts == null ? Map.of() : Map.copyOf(exts);
        }

        @Override
        public String msgType() {
            return TYPE;
        }

        @Override
        public String summary() {
            return event;
        }
    }

    /** A recalled message: its body and file are gone, its type stays. */
    record Recalled(String msgType) implements Content {
        public Recalled {
            msgType = Fields.required("msgType", msgType);
        }

        @Override
        public String summary() {
            return "";
        }
    }
}
