package dev.parley.desktop.notify;

import dev.parley.desktop.service.Notifier;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A {@link Notifier} over the freedesktop notification service ({@code org.freedesktop.Notifications}) on a D-Bus
 * session bus, with dbus-java. It connects on a thread of its own and makes every D-Bus call there, one at a time in
 * order, so that callers (the FX thread) never wait for the bus; clicks come back from dbus-java's signal thread.
 * <p>
 * Each notification has app name "Parley", the given summary and body, and the action {@code "default"} (a click);
 * a notification shown again under the same key replaces the earlier one ({@code replaces_id}); withdrawing one
 * closes it ({@code CloseNotification}). A body is escaped
 * for servers that read markup ({@code body-markup}). When the bus cannot be reached, or the service fails, it says
 * so once in the log and shows nothing: notifications never crash or block the app.
 */
public final class FreedesktopNotifier implements Notifier {
    private static final System.Logger LOG = System.getLogger(FreedesktopNotifier.class.getName());
    /**
     * dbus-java logs through SLF4J, bound to java.util.logging; its INFO lines ("Using transport …" at each
     * connection) are not for the user, so its level is WARNING unless the logging configuration sets one. Held here
     * because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger DBUS_LOG = java.util.logging.Logger.getLogger("org.freedesktop.dbus");
    /** How long connecting to the bus may take (dbus-java's default is 10 s). */
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    static {
        if (DBUS_LOG.getLevel() == null) {
            DBUS_LOG.setLevel(java.util.logging.Level.WARNING);
        }
    }
    /** The application name given to the notification service. */
    public static final String APP_NAME = "Parley";
    /** The action of a click on the notification itself. */
    public static final String DEFAULT_ACTION = "default";

    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("parley-notify").factory());
    private final CompletableFuture<Boolean> connected = new CompletableFuture<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** Each key's notification id, and back; D-Bus thread and signal thread. */
    private final Map<String, UInt32> idsByKey = new ConcurrentHashMap<>();
    private final Map<Long, String> keysById = new ConcurrentHashMap<>();
    private volatile DBusConnection connection;
    private volatile Notifications service;
    private boolean markup;
    private boolean failureLogged;

    private FreedesktopNotifier(String busAddress) {
        run(() -> open(busAddress));
    }

    /**
     * A notifier on the session bus named by {@code DBUS_SESSION_BUS_ADDRESS} in {@code environment}, or
     * {@link Notifier#none()} when there is none (not Linux, or no desktop session). Returns at once; the connection
     * is made in the background.
     */
    public static Notifier forSessionBus(Map<String, String> environment) {
        String address = environment.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").strip();
        if (address.isEmpty()) {
            LOG.log(Level.DEBUG, "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set): no desktop notifications");
            return Notifier.none();
        }
        return connect(address);
    }

    /** A notifier on the bus at {@code busAddress} (such as {@code unix:path=/run/user/1000/bus}); returns at once. */
    public static FreedesktopNotifier connect(String busAddress) {
        return new FreedesktopNotifier(Objects.requireNonNull(busAddress, "busAddress"));
    }

    /** Completes with whether the bus was reached (true) or not (false); never fails. */
    public CompletableFuture<Boolean> connected() {
        return connected.copy();
    }

    private void open(String address) {
        try {
            DBusConnection bus = DBusConnectionBuilder.forAddress(address).withShared(false)
                    .transportConfig().withTimeout(CONNECT_TIMEOUT_MILLIS).back().build();
            connection = bus;
            bus.addSigHandler(Notifications.ActionInvoked.class, this::actionInvoked);
            bus.addSigHandler(Notifications.NotificationClosed.class, this::closed);
            service = bus.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH, Notifications.class);
            connected.complete(true);
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.INFO, "no desktop notifications: the D-Bus session bus cannot be reached ({0})",
                    e.getMessage());
            closeConnection();
            connected.complete(false);
            return;
        }
        try {
            markup = service.GetCapabilities().contains("body-markup");
        } catch (RuntimeException e) {
            failed("asking its capabilities", e);
        }
    }

    @Override
    public void show(String key, String summary, String body) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        run(() -> {
            Notifications s = service;
            if (s == null) {
                return;
            }
            try {
                UInt32 replaces = idsByKey.getOrDefault(key, new UInt32(0));
                UInt32 id = s.Notify(APP_NAME, replaces, "", summary, markup ? escape(body) : body,
                        new String[] {DEFAULT_ACTION, "Open"},
                        Map.of("category", new Variant<>("im.received")), -1);
                if (replaces.longValue() != 0 && replaces.longValue() != id.longValue()) {
                    keysById.remove(replaces.longValue());
                }
                idsByKey.put(key, id);
                keysById.put(id.longValue(), key);
            } catch (RuntimeException e) {
                failed("showing a notification", e);
            }
        });
    }

    @Override
    public void withdraw(String key) {
        Objects.requireNonNull(key, "key");
        run(() -> {
            Notifications s = service;
            UInt32 id = idsByKey.remove(key);
            if (s == null || id == null) {
                return;
            }
            keysById.remove(id.longValue());
            close(s, id);
        });
    }

    @Override
    public void withdrawAll() {
        run(() -> {
            Notifications s = service;
            if (s == null) {
                return;
            }
            for (UInt32 id : List.copyOf(idsByKey.values())) {
                close(s, id);
            }
            idsByKey.clear();
            keysById.clear();
        });
    }

    /** The freedesktop {@code CloseNotification} call (worker thread). */
    private void close(Notifications s, UInt32 id) {
        try {
            s.CloseNotification(id);
        } catch (RuntimeException e) {
            failed("closing a notification", e);
        }
    }

    @Override
    public AutoCloseable onClicked(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void actionInvoked(Notifications.ActionInvoked signal) {
        String key = keysById.get(signal.getId().longValue());
        if (key != null && DEFAULT_ACTION.equals(signal.getActionKey())) {
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(key);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a notification click listener failed", e);
                }
            }
        }
    }

    private void closed(Notifications.NotificationClosed signal) {
        String key = keysById.remove(signal.getId().longValue());
        if (key != null) {
            idsByKey.remove(key, signal.getId());
        }
    }

    /** Stops: the worker finishes what was asked (at most two seconds), then the connection is closed. */
    @Override
    public void close() {
        run(this::closeConnection);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnection() {
        service = null;
        DBusConnection bus = connection;
        connection = null;
        if (bus != null) {
            try {
                bus.close();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "closing the D-Bus connection: {0}", e.getMessage());
            }
        }
    }

    private void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "notifier closed: nothing shown");
        }
    }

    /** Logs the first failure of the notification service at INFO, the others at DEBUG (worker thread). */
    private void failed(String what, Exception e) {
        LOG.log(failureLogged ? Level.DEBUG : Level.INFO, "desktop notifications: {0} failed: {1}", what,
                e.getMessage());
        failureLogged = true;
    }

    /** The body as text in the specification's markup: {@code &}, {@code <} and {@code >} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
