package dev.parley.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A HikariCP pool of connections to a cluster's PostgreSQL database, set up so that nobody waits long when PostgreSQL
 * is away and no broken connection is kept: a connection is given within {@link #CONNECTION_TIMEOUT} or not at all;
 * opening one, checking an idle one and a statement's socket have bounded timeouts too; a connection whose statement
 * failed with a connection error (SQLState class 08, or 57P01…57P03 when the server ended the session) is dropped,
 * and new ones are opened when PostgreSQL is back. The driver is told to keep the server's error details (row values)
 * out of exception messages.
 * <p>
 * The message store has one of its own ({@link Stores#openPostgres}); the blob store borrows from another
 * ({@link Stores#openPostgresPool}), so that uploads, which hold a connection while their client sends, never take the
 * connections that commits need.
 * <p>
 * Threading: thread-safe.
 */
public final class PostgresPool implements AutoCloseable {
    /** The longest a caller waits for a connection. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;
    private final int size;

    private PostgresPool(HikariDataSource pool, int size) {
        this.pool = pool;
        this.size = size;
    }

    /**
     * Opens the pool and one connection, so that a wrong URL, user or password fails here and at once.
     *
     * @param purpose names the pool in logs ({@code parley-postgres-messages-1})
     * @throws StoreException when the database cannot be reached
     */
    static PostgresPool open(PostgresSettings settings, String purpose) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-postgres-" + purpose + "-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(1); // one attempt at open: fail at once, with the driver's reason
        config.addDataSourceProperty("ApplicationName", "parley-server");
        config.addDataSourceProperty("connectTimeout", "5"); // seconds, per attempt to open a connection
        config.addDataSourceProperty("socketTimeout", "60"); // no statement waits forever on a silent network
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("logServerErrorDetail", "false"); // no row values in messages or logs
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new PostgresPool(new HikariDataSource(config), settings.poolSize());
        } catch (RuntimeException e) { // Hikari's PoolInitializationException wraps the driver's SQLException
            throw new StoreException("cannot open the PostgreSQL store at " + redacted(settings.jdbcUrl()) + ": "
                    + rootMessage(e), e);
        }
    }

    /** Where to borrow connections (and give them back by closing them). */
    public DataSource dataSource() {
        return pool;
    }

    /** The most connections the pool holds. */
    int size() {
        return size;
    }

    /** The innermost cause's message: the driver's reason behind the pool's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** A JDBC URL with a password it may hold replaced by {@code ***}. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** Closes the pool: connections lent out are closed when they come back. */
    @Override
    public void close() {
        pool.close();
    }
}
