package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, each prepared once and kept for the connection's life: preparing a
 * statement costs about as much as running it, and the writer runs the same few statements for every message.
 * <p>
 * Threading: confined to whoever holds the connection (the store's write lock for the writer connection).
 */
final class StatementCache implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The connection the statements belong to. */
    Connection connection() {
        return connection;
    }

    /** The statement for {@code sql}, prepared on first use; its parameters keep the values of its last use. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes every statement (not the connection). */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
