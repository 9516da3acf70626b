package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the blob store's tables in PostgreSQL to the newest schema with the numbered scripts in {@code postgres/}
 * beside this class ({@code V1__blobs.sql}, {@code V2__…}), applied in order. The blob store counts its versions in
 * a table of its own, {@code blob_schema_version}, apart from the message store's, so that either can move on alone.
 * <p>
 * Several nodes may start at once on one database: the whole migration runs in one transaction that first takes
 * the transaction-level advisory lock {@link #LOCK}, so the first node creates the tables while the others wait for
 * its commit, then find them up to date. PostgreSQL's DDL is transactional: a migration that fails leaves nothing.
 * A script is sent as it is (PostgreSQL takes several statements in one); a new script is added to {@link #SCRIPTS}
 * and never edits an older one.
 * <p>
 * Threading: called once when a store opens, on a connection of its own.
 */
final class PostgresBlobSchema {
    /** The scripts, in version order: script {@code i} has version {@code i + 1}. */
    static final List<String> SCRIPTS = List.of("V1__blobs.sql");
    static final int NEWEST = SCRIPTS.size();
    /** The advisory lock the migration holds: the bytes of "ParlBlob" in ASCII, unlikely to be anyone else's key. */
    static final long LOCK = 0x5061_726C_426C_6F62L;

    private PostgresBlobSchema() {
    }

    /**
     * Applies every script newer than the database's version, under the lock.
     *
     * @return how many scripts were applied (0 when the tables were up to date)
     * @throws BlobException.Unavailable when the database's version is newer than this server's
     */
    static int migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS blob_schema_version (
                        version integer     NOT NULL PRIMARY KEY,
                        script  text        NOT NULL,
                        applied timestamptz NOT NULL DEFAULT now()
                    )""");
            int current;
            try (ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM blob_schema_version")) {
                row.next();
                current = row.getInt(1);
            }
            if (current > NEWEST) {
                throw new BlobException.Unavailable("the blob tables have schema version " + current
                        + ", newer than this server's " + NEWEST + ": upgrade the server");
            }
            for (int version = current + 1; version <= NEWEST; version++) {
                String script = SCRIPTS.get(version - 1);
                statement.execute(load(script));
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO blob_schema_version (version, script) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.executeUpdate();
                }
            }
            connection.commit();
            return NEWEST - current;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private static String load(String script) {
        try (InputStream in = PostgresBlobSchema.class.getResourceAsStream("postgres/" + script)) {
            if (in == null) {
                throw new BlobException.Unavailable("blob schema migration " + script + " is missing from the server");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BlobException.Unavailable("cannot read blob schema migration " + script, e);
        }
    }
}
