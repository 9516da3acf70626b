package dev.parley.image;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;

/**
 * Run by {@link ImageIT} with the image's own {@code java}: connects to the D-Bus at {@code args[0]} through the
 * image's dbus-java and prints the unique name the bus gave it. It fails if jlink dropped the transport provider
 * (found by {@code ServiceLoader}) or the SLF4J binding is missing.
 */
public final class DbusProbe {
    private DbusProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (DBusConnection bus = DBusConnectionBuilder.forAddress(args[0]).withShared(false).build()) {
            System.out.println("connected as " + bus.getUniqueName());
        }
    }
}
