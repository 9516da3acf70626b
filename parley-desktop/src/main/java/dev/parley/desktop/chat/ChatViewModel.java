package dev.parley.desktop.chat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.service.ChatService;
import javafx.beans.property.ReadOnlyObjectProperty;
import dev.parley.desktop.settings.Appearance;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The main window's frame around the conversation list and the open conversation: who is signed in, the connection
 * status (one enum, shown as a dot and a word), the sync progress, the theme toggle, desktop notifications on or off,
 * opening the settings pane, signing out, reconnecting, and
 * pasting a new token when a token session ends soon or has ended. FX thread only.
 */
public final class ChatViewModel {
    private final ChatService service;
    private final Appearance appearance;
    private final StringProperty newToken = new SimpleStringProperty(this, "newToken", "");
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(this, "windowFocused", true);
    private final BooleanProperty settingsShowing = new SimpleBooleanProperty(this, "settingsShowing", false);
    private final StringBinding statusText;
    private final StringBinding themeToggleText;
    private final BooleanBinding reconnectAvailable;

    /** A view model over {@code service}. */
    public ChatViewModel(ChatService service, Appearance appearance) {
        this.service = Objects.requireNonNull(service, "service");
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        this.statusText = Bindings.createStringBinding(() -> describe(service.getConnectionState()),
                service.connectionStateProperty());
        this.themeToggleText = appearance.toggleTextBinding();
        this.reconnectAvailable = service.signedInProperty()
                .and(service.connectionStateProperty().isEqualTo(ConnectionState.DISCONNECTED))
                .and(service.renewalNeededProperty().not());
        windowFocused.addListener((o, old, focused) -> service.setWindowFocused(focused));
    }

    /** The connection state, for the status dot. */
    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return service.connectionStateProperty();
    }

    /** The connection state as a word: Connected, Connecting…, Reconnecting…, Offline. */
    public StringBinding statusTextBinding() {
        return statusText;
    }

    public ReadOnlyStringProperty currentUserProperty() {
        return service.currentUserProperty();
    }

    /** Whether something is being fetched (the progress indicator). */
    public ReadOnlyBooleanProperty syncingProperty() {
        return service.syncingProperty();
    }

    /** The open conversation, {@code null} for none (the narrow layout shows one pane at a time). */
    public ReadOnlyObjectProperty<ConversationId> openConversationProperty() {
        return service.openConversationProperty();
    }

    /** Whether the session needs a new token (show the field to paste it). */
    public ReadOnlyBooleanProperty renewalNeededProperty() {
        return service.renewalNeededProperty();
    }

    /** The token being pasted. */
    public StringProperty newTokenProperty() {
        return newToken;
    }

    /** Whether signing in again is possible and needed (the SDK gave up reconnecting). */
    public BooleanBinding reconnectAvailableBinding() {
        return reconnectAvailable;
    }

    /** The theme button's text. */
    public StringBinding themeToggleTextBinding() {
        return themeToggleText;
    }

    /** Whether desktop notifications are on (the check box in the top bar; saved in the settings). */
    public BooleanProperty notificationsEnabledProperty() {
        return service.notificationsEnabledProperty();
    }

    /** Whether the window has the focus; read receipts go out only then. */
    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    /** Whether the settings pane is open (the window shows it over this screen). */
    public BooleanProperty settingsShowingProperty() {
        return settingsShowing;
    }

    /** Opens the settings pane (the top bar's Settings button, Ctrl+,). */
    public void openSettings() {
        settingsShowing.set(true);
    }

    /** Uses the pasted token. */
    public void renewToken() {
        service.renewToken(newToken.get());
        newToken.set("");
    }

    public void reconnect() {
        service.reconnect();
    }

    public void signOut() {
        service.signOut();
    }

    public void toggleTheme() {
        appearance.toggle();
    }

    static String describe(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "Connected";
            case CONNECTING -> "Connecting…";
            case RECONNECTING -> "Reconnecting…";
            case DISCONNECTED -> "Offline";
        };
    }
}
