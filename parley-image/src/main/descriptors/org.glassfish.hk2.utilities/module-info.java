// hk2-utils 4.0.0-M3 ships only an Automatic-Module-Name; this descriptor is jdeps --generate-module-info's, with
// java.desktop (java.beans, for a bean helper Jersey does not use) static and the Hibernate Validator it names
// optionally left out.
module org.glassfish.hk2.utilities {
    requires jakarta.annotation;
    requires jakarta.inject;
    requires java.logging;
    requires static java.desktop;

    requires transitive jakarta.validation;
    requires transitive java.xml;

    exports org.glassfish.hk2.utilities.cache;
    exports org.glassfish.hk2.utilities.cache.internal;
    exports org.glassfish.hk2.utilities.general;
    exports org.glassfish.hk2.utilities.general.internal;
    exports org.glassfish.hk2.utilities.reflection;
    exports org.glassfish.hk2.utilities.reflection.internal;
    exports org.jvnet.hk2.component;
}
