package dev.parley.server.store;

import dev.parley.protocol.Content;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-to-one messages appended most recently, as stored, so that a delivery mark (every message's second write)
 * need not read its message back to learn whom to send the receipt to. Most marks come within milliseconds of their
 * message's commit; what is not here (an old message, one pushed out) is read from its row as before.
 * <ul>
 *   <li>Only committed appends enter: SQLite may hand out the id of a rolled-back insert again.</li>
 *   <li>A recall or an edit takes its message out before it changes the row; a delivery mark takes it out as it
 *   uses it (the message leaves the inbox with that mark, so no other mark would find it pending).</li>
 *   <li>At most {@link #BUDGET} characters of text, ext and local ids (about twice that in bytes), the oldest leaving
 *   first; a message larger than a sixteenth of that is not kept.</li>
 * </ul>
 * <p>
 * Threading: used only under the store's write lock.
 */
final class RecentAppends {
    /** The characters of the messages kept, at most (about 8 MB of heap with the records around them). */
    static final long BUDGET = 4L << 20;
    /** What a message costs besides its text: the record, its strings' headers, the map's entry. */
    private static final int OVERHEAD = 256;

    private final LinkedHashMap<Long, StoredMessage> messages = new LinkedHashMap<>();
    private long size;

    /** Keeps a one-to-one message just committed (pending, not recalled nor edited). */
    void add(StoredMessage message) {
        long weight = weight(message);
        if (weight > BUDGET / 16) {
            return;
        }
        StoredMessage replaced = messages.put(message.id(), message);
        size += weight - (replaced == null ? 0 : weight(replaced));
        for (Iterator<StoredMessage> oldest = messages.values().iterator(); size > BUDGET && oldest.hasNext(); ) {
            size -= weight(oldest.next());
            oldest.remove();
        }
    }

    /** The message as appended, if kept; it is not kept any longer. */
    Optional<StoredMessage> take(long id) {
        StoredMessage message = messages.remove(id);
        if (message != null) {
            size -= weight(message);
        }
        return Optional.ofNullable(message);
    }

    /** The messages kept (tests). */
    int count() {
        return messages.size();
    }

    private static long weight(StoredMessage m) {
        long text = switch (m.content()) {
            case Content.Text t -> t.text().length();
            case Content.Custom c -> {
                long fields = c.event().length();
                for (Map.Entry<String, String> e : c.exts().entrySet()) {
                    fields += e.getKey().length() + e.getValue().length() + 64;
                }
                yield fields;
            }
            default -> 512; // an upload's uuid, secret, name and type
        };
        return OVERHEAD + text + m.ext().length() + m.localId().length() + m.sender().length()
                + m.recipient().length();
    }
}
