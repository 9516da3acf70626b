package dev.parley.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, empty PostgreSQL database for one cluster target, on this machine's server (127.0.0.1:5432, user
 * {@code postgres}, trust authentication): created through the {@code postgres} maintenance database with the JDBC
 * driver that parley-server brings, and dropped on {@link #close()} (with {@code FORCE}, so that a node that did not
 * stop cleanly cannot keep it). The nodes create its schema themselves, from their migrations.
 */
final class ClusterDatabase implements AutoCloseable {
    static final String HOST_PORT = "127.0.0.1:5432";
    static final String USER = "postgres";
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST_PORT + "/postgres";

    private final String name;

    private ClusterDatabase(String name) {
        this.name = name;
    }

    /** Creates a database named {@code parley_bench_<random hex>}; unavailable when PostgreSQL cannot be reached. */
    static ClusterDatabase create() throws ServerProcess.Unavailable {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "parley_bench_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new ServerProcess.Unavailable("no PostgreSQL to create a database on (" + ADMIN_URL + " as "
                    + USER + "): " + e.getMessage());
        }
        return new ClusterDatabase(name);
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + HOST_PORT + "/" + name;
    }

    /** Drops the database; a failure is printed, not thrown (the figures are already taken). */
    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("load: could not drop the database " + name + ": " + e.getMessage());
        }
    }
}
