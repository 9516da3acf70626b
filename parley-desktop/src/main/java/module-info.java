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

    // JavaFX instantiates the Application subclass (ParleyApp) reflectively.
    exports dev.parley.desktop to javafx.graphics;

    // FXMLLoader injects @FXML fields and calls handlers of the controllers, reflectively.
    opens dev.parley.desktop.signin to javafx.fxml;
    opens dev.parley.desktop.chat to javafx.fxml;
}
