/**
 * The Parley server: one Grizzly listener carrying the WebSocket endpoint {@code /websocket} (Tyrus) and the REST
 * API, the session registry, the message router (in-process, or NATS for a cluster), the message store (SQLite
 * embedded by default, PostgreSQL for a cluster), the blob store of uploaded files and the {@code parley-server}
 * command line.
 * <p>
 * Exports only {@code dev.parley.server}: {@link dev.parley.server.ParleyServer} (start and stop a server, used by
 * tests and by the launcher) and its configuration. Everything else is package-private behind it.
 */
module dev.parley.server {
    requires transitive dev.parley.protocol;
    requires java.sql;
    requires java.logging;
    // javax.imageio, for thumbnails of uploaded images (headless: no AWT toolkit is started).
    requires java.desktop;
    requires jakarta.websocket;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.tyrus.spi;
    // Tyrus loads its container by class name; requiring it keeps it in a linked image.
    requires org.glassfish.tyrus.container.grizzly.server;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.grizzly.http.server;
    // REST: Jersey (docs/rest.md). Jersey finds its injection layer (hk2) through ServiceLoader; requiring it keeps
    // it in a linked image.
    requires jakarta.ws.rs;
    requires org.glassfish.jersey.core.common;
    requires org.glassfish.jersey.core.server;
    requires org.glassfish.jersey.inject.hk2;
    requires org.jvnet.mimepull;
    requires org.xerial.sqlitejdbc;
    // Cluster mode (docs/cluster.md): the PostgreSQL store over a HikariCP pool, and the NATS router. The driver and
    // jnats are automatic modules here; the image gives them descriptors (parley-image/src/main/descriptors).
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;
    // HikariCP logs through SLF4J; its binding to java.util.logging is found by ServiceLoader, and requiring it keeps
    // it in a linked image.
    requires org.slf4j.jul;
    requires io.nats.jnats;
    requires info.picocli;

    exports dev.parley.server;

    // picocli reads the annotated command classes reflectively.
    opens dev.parley.server.cli to info.picocli;
    // Jersey calls the resources' methods and reads the providers' annotations reflectively.
    opens dev.parley.server.rest to org.glassfish.jersey.core.server;
    // Tyrus instantiates the programmatic endpoint reflectively.
    exports dev.parley.server.session to org.glassfish.tyrus.core, org.glassfish.tyrus.server;
}
