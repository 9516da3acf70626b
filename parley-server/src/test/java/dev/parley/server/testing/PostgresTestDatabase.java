package dev.parley.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database on this machine's PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust
 * authentication; {@code PARLEY_TEST_PG_HOST}, {@code PARLEY_TEST_PG_PORT} and {@code PARLEY_TEST_PG_USER} override
 * them), made for one test and dropped by {@link #close()}. When PostgreSQL cannot be reached the test is skipped with
 * a message saying why, or fails under {@code CI=true}.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    private static final String HOST = System.getenv().getOrDefault("PARLEY_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("PARLEY_TEST_PG_PORT", "5432");
    private static final String USER = System.getenv().getOrDefault("PARLEY_TEST_PG_USER", "postgres");

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    /** Creates a database with a random name ({@code parley_test_…}). */
    public static PostgresTestDatabase create() {
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw RequiredService.missing("PostgreSQL at " + HOST + ":" + PORT + " (user " + USER
                    + ") cannot make a test database: " + e.getMessage());
        }
        return new PostgresTestDatabase(name);
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public String user() {
        return USER;
    }

    /** The password ({@code ""}: trust authentication). */
    public String password() {
        return "";
    }

    /** An unpooled data source of the database (a new connection each time). */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        ds.setUser(USER);
        ds.setConnectTimeout(5);
        return ds;
    }

    /**
     * Ends every session of other clients on the database now (as a restart of PostgreSQL would end them): their next
     * statement fails and their pool must open new connections. Returns how many were ended.
     */
    public int terminateConnections() {
        try (Connection admin = adminConnection(); Statement st = admin.createStatement();
             var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the sessions of " + name, e);
        }
    }

    /** Drops the database, ending whatever sessions are left on it. */
    @Override
    public void close() {
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name, e);
        }
    }

    private static Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", props);
    }
}
