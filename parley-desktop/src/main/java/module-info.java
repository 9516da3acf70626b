/**
 * The Parley desktop messenger (JavaFX): FXML views with controllers and view models (MVVM), the
 * {@code ChatService} that turns the chat SDK's events into JavaFX properties, and toasts.
 * <p>
 * Launch with {@code dev.parley.desktop.Main} (a plain class, so {@code --version} needs no display).
 */
module dev.parley.desktop {
    requires dev.parley.client;
    requires javafx.controls;
    requires javafx.fxml;
    requires atlantafx.base;
    // JSON-B and JSON-P providers are found by ServiceLoader; requiring them keeps them in a linked image.
    requires org.eclipse.yasson;
    requires org.eclipse.parsson;
    // Desktop notifications over D-Bus. The transport is a service provider of dbus-java, and the SLF4J binding
    // (to java.util.logging) one of SLF4J: requiring them keeps them in a linked image.
    requires org.freedesktop.dbus;
    requires org.freedesktop.dbus.transport.jre;
    requires org.slf4j.jul;
    requires java.logging;
    // The local cache: an embedded SQLite database in the profile's directory (the driver is the server's too).
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    // JavaFX instantiates the Application subclass (ParleyApp) reflectively.
    exports dev.parley.desktop to javafx.graphics;

    // dbus-java builds a proxy of the notification service's interface and reads its signals reflectively.
    exports dev.parley.desktop.notify to org.freedesktop.dbus;

    // FXMLLoader injects @FXML fields and calls handlers of the controllers, reflectively.
    opens dev.parley.desktop.signin to javafx.fxml;
    opens dev.parley.desktop.chat to javafx.fxml;
    opens dev.parley.desktop.groups to javafx.fxml;
    opens dev.parley.desktop.search to javafx.fxml;
    opens dev.parley.desktop.media to javafx.fxml;
    opens dev.parley.desktop.profile to javafx.fxml;
}
