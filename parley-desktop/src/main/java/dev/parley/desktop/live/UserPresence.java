package dev.parley.desktop.live;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One user's presence as views bind to it: online or not (the dot on their avatar), the header's line ("online",
 * "last seen 5 minutes ago", …) and their status line. Kept up to date by {@link PresenceService}; the header's line
 * also moves on as time passes. Threading: FX thread only.
 */
public final class UserPresence {
    private final String user;
    private final ReadOnlyObjectWrapper<Presence> presence = new ReadOnlyObjectWrapper<>(this, "presence",
            Presence.UNKNOWN);
    private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");

    UserPresence(String user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The user's id (lower case). */
    public String user() {
        return user;
    }

    /** All that is known, as one value. */
    public ReadOnlyObjectProperty<Presence> presenceProperty() {
        return presence.getReadOnlyProperty();
    }

    public Presence getPresence() {
        return presence.get();
    }

    /** Whether the user is online now (false while not known). */
    public ReadOnlyBooleanProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public boolean isOnline() {
        return online.get();
    }

    /** The header's presence line ({@link PresenceFormatter#header}). */
    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public String getHeader() {
        return header.get();
    }

    /** The user's custom status line, {@code ""} when none. */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    public String getStatusLine() {
        return statusLine.get();
    }

    void set(Presence value, PresenceFormatter formatter) {
        presence.set(value);
        online.set(value.online());
        statusLine.set(value.description());
        refresh(formatter);
    }

    void refresh(PresenceFormatter formatter) {
        header.set(formatter.header(presence.get()));
    }
}
