// aopalliance-repackaged 4.0.0-M3 (hk2) ships without a module descriptor; this one is jdeps --generate-module-info's.
module org.aopalliance {
    exports org.aopalliance.aop;
    exports org.aopalliance.instrument;
    exports org.aopalliance.intercept;
    exports org.aopalliance.reflect;
}
