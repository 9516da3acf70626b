package dev.parley.desktop.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of the freedesktop Desktop Notifications Specification (1.2) that Parley uses, as dbus-java maps it:
 * {@code org.freedesktop.Notifications} at {@code /org/freedesktop/Notifications} on the session bus. Public (and
 * exported to {@code org.freedesktop.dbus} only) because dbus-java builds a proxy of it and reads it reflectively.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface Notifications extends DBusInterface {
    /** The service's bus name. */
    String BUS_NAME = "org.freedesktop.Notifications";
    /** The service's object path. */
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification (signature {@code susssasa{sv}i}), replacing the one with {@code replacesId} if it is not
     * 0, and returns its id.
     */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, String[] actions,
                  Map<String, Variant<?>> hints, int expireTimeout);

    /** Closes a notification (it is then reported closed with reason 3). */
    void CloseNotification(UInt32 id);

    /** What the server supports, such as {@code "actions"} and {@code "body-markup"}. */
    List<String> GetCapabilities();

    /** The user invoked an action of a notification ({@code "default"}: clicked it). */
    class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        /** Made by dbus-java from a signal, or by a service that sends one. */
        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public UInt32 getId() {
            return id;
        }

        public String getActionKey() {
            return actionKey;
        }
    }

    /** A notification was closed: expired (1), dismissed by the user (2), closed by a call (3), other (4). */
    class NotificationClosed extends DBusSignal {
        private final UInt32 id;
        private final UInt32 reason;

        /** Made by dbus-java from a signal, or by a service that sends one. */
        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }

        public UInt32 getId() {
            return id;
        }

        public UInt32 getReason() {
            return reason;
        }
    }
}
