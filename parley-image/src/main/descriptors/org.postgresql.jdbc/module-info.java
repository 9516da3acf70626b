// The PostgreSQL JDBC driver 42.7.14 ships only an Automatic-Module-Name; this descriptor is
// jdeps --generate-module-info's (with --ignore-missing-deps: JNA and Waffle are for Windows SSPI only), with
// java.desktop (java.awt.Point, for the geometric types) static, without the Checker Framework (annotations the
// driver does not read at run time), and its META-INF/services entry as the provides clause that lets
// DriverManager (and so HikariCP) find it.
module org.postgresql.jdbc {
    requires java.management;
    requires java.logging;
    requires java.naming;
    requires java.security.jgss;
    requires java.sql;
    requires java.transaction.xa;
    requires java.xml;
    requires static java.desktop;

    exports org.postgresql;
    exports org.postgresql.copy;
    exports org.postgresql.core;
    exports org.postgresql.core.v3;
    exports org.postgresql.core.v3.adaptivefetch;
    exports org.postgresql.core.v3.replication;
    exports org.postgresql.ds;
    exports org.postgresql.ds.common;
    exports org.postgresql.fastpath;
    exports org.postgresql.geometric;
    exports org.postgresql.gss;
    exports org.postgresql.hostchooser;
    exports org.postgresql.jdbc;
    exports org.postgresql.jdbc2;
    exports org.postgresql.jdbc2.optional;
    exports org.postgresql.jdbc3;
    exports org.postgresql.jdbcurlresolver;
    exports org.postgresql.largeobject;
    exports org.postgresql.plugin;
    exports org.postgresql.replication;
    exports org.postgresql.replication.fluent;
    exports org.postgresql.replication.fluent.logical;
    exports org.postgresql.replication.fluent.physical;
    exports org.postgresql.ssl;
    exports org.postgresql.ssl.jdbc4;
    exports org.postgresql.translation;
    exports org.postgresql.util;
    exports org.postgresql.xa;
    exports org.postgresql.xml;

    provides java.sql.Driver with
        org.postgresql.Driver;
}
