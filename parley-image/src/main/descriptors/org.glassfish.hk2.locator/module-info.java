// hk2-locator 4.0.0-M3 ships only an Automatic-Module-Name; this descriptor is jdeps --generate-module-info's (its
// META-INF/services entry became the provides clause).
module org.glassfish.hk2.locator {
    requires transitive jakarta.inject;
    requires transitive org.aopalliance;
    requires transitive org.glassfish.hk2.api;
    requires transitive org.glassfish.hk2.utilities;
    requires transitive org.javassist;

    exports org.jvnet.hk2.external.generator;
    exports org.jvnet.hk2.external.runtime;
    exports org.jvnet.hk2.internal;

    provides org.glassfish.hk2.extension.ServiceLocatorGenerator with
        org.jvnet.hk2.external.generator.ServiceLocatorGeneratorImpl;
}
