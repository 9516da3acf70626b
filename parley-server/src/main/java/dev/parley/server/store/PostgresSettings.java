package dev.parley.server.store;

import java.util.Objects;

/**
 * How to reach the PostgreSQL database of a cluster ({@link Stores#openPostgres}).
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host[:port]/database[?options]}
 * @param user     the role to connect as ({@code ""}: the driver's default, or the URL's)
 * @param password its password ({@code ""}: none, as with trust or peer authentication); never shown by
 *                 {@link #toString()}
 * @param poolSize the most connections the node holds open at once (1 to {@value #MAX_POOL_SIZE})
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize) {
    /** The pool size when none is given. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** The largest pool a node may ask for. */
    public static final int MAX_POOL_SIZE = 200;

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: (it is "
                    + (jdbcUrl.isBlank() ? "empty" : "'" + jdbcUrl + "'") + ")");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the pool size must be between 1 and " + MAX_POOL_SIZE + ", not "
                    + poolSize);
        }
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + PostgresPool.redacted(jdbcUrl) + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
    }
}
