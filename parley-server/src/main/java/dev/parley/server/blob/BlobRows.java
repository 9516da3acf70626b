package dev.parley.server.blob;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Blob} as a row of the table {@code blobs}, the same in the file store's SQLite index and in PostgreSQL:
 * the columns {@link #COLUMNS} in this order, {@code created} in epoch milliseconds, {@code referenced} a boolean
 * (SQLite keeps it as 0 or 1). Only the uuid's column type differs ({@code uuid} in PostgreSQL, whose SQL casts the
 * text bound here).
 * <p>
 * Threading: stateless.
 */
final class BlobRows {
    static final String COLUMNS =
            "uuid, secret, owner, filename, size, mime, width, height, thumbnail_mime, created, referenced";
    /** How many columns {@link #bind} binds. */
    static final int COUNT = 11;

    private BlobRows() {
    }

    /** Binds {@code blob} to parameters {@code 1} to {@link #COUNT}, in the order of {@link #COLUMNS}. */
    static void bind(PreparedStatement insert, Blob blob) throws SQLException {
        insert.setString(1, blob.uuid());
        insert.setString(2, blob.secret());
        insert.setString(3, blob.owner());
        insert.setString(4, blob.filename());
        insert.setLong(5, blob.size());
        insert.setString(6, blob.mime());
        insert.setInt(7, blob.width());
        insert.setInt(8, blob.height());
        insert.setString(9, blob.thumbnailMime());
        insert.setLong(10, blob.created().toEpochMilli());
        insert.setBoolean(11, blob.referenced());
    }

    /** The blob in the current row, selected as {@link #COLUMNS}. */
    static Blob blob(ResultSet row) throws SQLException {
        return new Blob(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getString(6), row.getInt(7), row.getInt(8), row.getString(9),
                Instant.ofEpochMilli(row.getLong(10)), row.getBoolean(11));
    }

    /** The first column of every row {@code statement} selects, as text. */
    static List<String> uuids(PreparedStatement statement) throws SQLException {
        List<String> uuids = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                uuids.add(row.getString(1));
            }
        }
        return uuids;
    }

    /** {@code instant} in epoch milliseconds, {@link Instant#MAX} and {@link Instant#MIN} clamped. */
    static long millis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException outOfRange) {
            return instant.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
