package dev.parley.desktop.notify;

import dev.parley.desktop.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A real notification service for tests: it owns {@code org.freedesktop.Notifications} on a {@link SessionBus},
 * answers {@code Notify} as a notification daemon does (new ids, or the replaced id), records each call, and sends
 * the {@code ActionInvoked} signal a click would. It implements the app's {@link Notifications} interface: dbus-java
 * maps an interface's D-Bus name to one Java type per JVM, and the app and this service share the test's JVM (a
 * second Java type for the same D-Bus interface made dbus-java build the wrong signal class). The calls still go over
 * the real bus, marshalled to the specification's signatures.
 */
final class NotificationDaemon implements Notifications, AutoCloseable {
    /** One {@code Notify} call as the service received it. */
    record Shown(long id, String appName, long replacesId, String summary, String body, List<String> actions,
                 Map<String, Variant<?>> hints) {
    }

    private final DBusConnection bus;
    private final BlockingQueue<Shown> shown = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> closed = new LinkedBlockingQueue<>();
    private final AtomicLong lastId = new AtomicLong();

    private NotificationDaemon(DBusConnection bus) {
        this.bus = bus;
    }

    static NotificationDaemon register(String address) throws Exception {
        DBusConnection bus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        NotificationDaemon daemon = new NotificationDaemon(bus);
        bus.exportObject(Notifications.OBJECT_PATH, daemon);
        bus.requestBusName(Notifications.BUS_NAME);
        return daemon;
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                         String[] actions, Map<String, Variant<?>> hints, int expireTimeout) {
        long id = replacesId.longValue() != 0 ? replacesId.longValue() : lastId.incrementAndGet();
        shown.add(new Shown(id, appName, replacesId.longValue(), summary, body, Arrays.asList(actions), hints));
        return new UInt32(id);
    }

    @Override
    public void CloseNotification(UInt32 id) {
        closed.add(id.longValue());
    }

    @Override
    public List<String> GetCapabilities() {
        return List.of("actions", "body");
    }

    @Override
    public String getObjectPath() {
        return Notifications.OBJECT_PATH;
    }

    /** The next {@code Notify} call (within the test timeout). */
    Shown next() throws InterruptedException {
        Shown next = shown.poll(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no Notify call within " + TestServer.TIMEOUT_SECONDS + " s");
        }
        return next;
    }

    /** The next {@code CloseNotification} call's id (within the test timeout). */
    long nextClosed() throws InterruptedException {
        Long next = closed.poll(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no CloseNotification call within " + TestServer.TIMEOUT_SECONDS + " s");
        }
        return next;
    }

    /** The ids of {@code CloseNotification} calls received and not yet taken by {@link #nextClosed()}. */
    List<Long> closedSoFar() {
        List<Long> ids = new java.util.ArrayList<>();
        closed.drainTo(ids);
        return ids;
    }

    /** The user clicks notification {@code id}: the service emits {@code ActionInvoked(id, "default")}. */
    void click(long id) throws Exception {
        bus.sendMessage(new Notifications.ActionInvoked(Notifications.OBJECT_PATH, new UInt32(id), "default"));
    }

    @Override
    public void close() throws java.io.IOException {
        bus.close();
    }
}
