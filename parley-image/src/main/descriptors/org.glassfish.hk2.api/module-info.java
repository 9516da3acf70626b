// hk2-api 4.0.0-M3 ships only an Automatic-Module-Name; this descriptor is jdeps --generate-module-info's, with two
// changes: it declares that it loads the ServiceLocatorGenerator service (ServiceLocatorFactoryImpl uses
// ServiceLoader, which a named module may only do for a service it declares), and it does not require
// osgi-resource-locator (tried first, inside a catch of Throwable, only under OSGi).
module org.glassfish.hk2.api {
    requires org.glassfish.hk2.utilities;

    requires transitive jakarta.inject;
    requires transitive org.aopalliance;

    exports org.glassfish.hk2.api;
    exports org.glassfish.hk2.api.messaging;
    exports org.glassfish.hk2.extension;
    exports org.glassfish.hk2.internal;
    exports org.glassfish.hk2.utilities;
    exports org.glassfish.hk2.utilities.binding;
    exports org.jvnet.hk2.annotations;

    uses org.glassfish.hk2.extension.ServiceLocatorGenerator;
}
