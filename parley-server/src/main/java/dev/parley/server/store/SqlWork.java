package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a connection that may throw {@link SQLException}. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
