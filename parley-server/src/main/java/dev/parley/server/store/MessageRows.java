package dev.parley.server.store;

import dev.parley.server.store.StoredMessage.DeliveryState;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How messages are laid out in SQL rows: the column list, the conversation key and the state codes. */
final class MessageRows {

    /** The columns {@link #read} expects, in order; select them as {@code "SELECT " + COLUMNS + " FROM messages"}. */
    static final String COLUMNS = "id, seq, sender, local_id, recipient, body, ext, time, state";

    /** Joins the two user ids of a conversation; user ids never contain it (see {@link Write}). */
    private static final char SEPARATOR = '\u001F';

    private MessageRows() {
    }

    /** The conversation of two users, the same whichever of them is the sender. */
    static String conversationKey(String user, String peer) {
        return user.compareTo(peer) <= 0 ? user + SEPARATOR + peer : peer + SEPARATOR + user;
    }

    /** Reads the row the result set stands on, selected with {@link #COLUMNS}. */
    static StoredMessage read(ResultSet row) throws SQLException {
        return new StoredMessage(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getLong(8), state(row.getInt(9)));
    }

    static int code(DeliveryState state) {
        return switch (state) {
            case PENDING -> 0;
            case DELIVERED -> 1;
            case READ -> 2;
        };
    }

    static DeliveryState state(int code) {
        return switch (code) {
            case 0 -> DeliveryState.PENDING;
            case 1 -> DeliveryState.DELIVERED;
            case 2 -> DeliveryState.READ;
            default -> throw new IllegalStateException("unknown message state " + code);
        };
    }
}
