// javassist 3.30.2-GA ships without a module descriptor; this one is jdeps --generate-module-info's, with the JDK
// modules that only its tools need (HotSwapper: jdk.attach, jdk.jdi, java.instrument; the RMI and web tools:
// java.desktop) made static, so that the image does not carry a debugger interface for a bytecode library.
module org.javassist {
    requires java.management;
    requires static java.desktop;
    requires static java.instrument;
    requires static jdk.attach;
    requires static jdk.jdi;

    exports javassist;
    exports javassist.bytecode;
    exports javassist.bytecode.analysis;
    exports javassist.bytecode.annotation;
    exports javassist.bytecode.stackmap;
    exports javassist.compiler;
    exports javassist.compiler.ast;
    exports javassist.convert;
    exports javassist.expr;
    exports javassist.runtime;
    exports javassist.scopedpool;
    exports javassist.tools;
    exports javassist.tools.reflect;
    exports javassist.tools.rmi;
    exports javassist.tools.web;
    exports javassist.util;
    exports javassist.util.proxy;
}
