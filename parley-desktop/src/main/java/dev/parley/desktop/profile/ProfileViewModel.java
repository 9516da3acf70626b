package dev.parley.desktop.profile;

import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings pane's state: whether it shows; your profile (user ID, nickname, the {@link AvatarEditor}); the status
 * line; the appearance (theme and desktop notifications, applied and saved at once, as the top bar's controls do);
 * and the server address and app key of the profile, which apply at the next sign-in. Each save answers with a
 * sentence in its own message property. FX thread only.
 */
public final class ProfileViewModel {
    /** What the server section says under its fields. */
    static final String SERVER_NOTE = "Changes apply at the next sign-in.";

    private final ProfileService profile;
    private final ChatService chat;
    private final Appearance appearance;
    private final Settings settings;
    private final BiConsumer<String, String> serverChanged;
    private final AvatarEditor avatar;
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", false);
    private final StringProperty nickname = new SimpleStringProperty(this, "nickname", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
    private final StringProperty appKey = new SimpleStringProperty(this, "appKey", "");
    private final Feedback nicknameFeedback = new Feedback("nickname");
    private final Feedback statusFeedback = new Feedback("status");
    private final Feedback serverFeedback = new Feedback("server");

    /**
     * A view model over {@code profile} and the window's appearance and settings.
     *
     * @param serverChanged told the new server address and app key when they are saved (the sign-in screen shows
     *                      them)
     */
    public ProfileViewModel(ProfileService profile, ChatService chat, Appearance appearance, Settings settings,
                            Executor fxExecutor, BiConsumer<String, String> serverChanged) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.serverChanged = Objects.requireNonNull(serverChanged, "serverChanged");
        this.avatar = new AvatarEditor(profile, fxExecutor);
        showing.addListener((o, was, now) -> {
            if (now) {
                refresh();
            } else {
                avatar.cancel();
            }
        });
        chat.signedInProperty().addListener((o, was, signedIn) -> {
            if (!signedIn) {
                showing.set(false);
                avatar.clear();
            }
        });
    }

    /** Whether the pane is open. Opening it fetches the profile again. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    public void open() {
        showing.set(true);
    }

    public void close() {
        showing.set(false);
    }

    /** The signed-in user's ID (read-only in the pane). */
    public ReadOnlyStringProperty userProperty() {
        return chat.currentUserProperty();
    }

    public AvatarEditor avatar() {
        return avatar;
    }

    public StringProperty nicknameProperty() {
        return nickname;
    }

    public Feedback nicknameFeedback() {
        return nicknameFeedback;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public Feedback statusFeedback() {
        return statusFeedback;
    }

    /** The theme, applied and saved at once. */
    public ObjectProperty<Theme> themeProperty() {
        return appearance.themeProperty();
    }

    /** Whether desktop notifications are on, applied and saved at once. */
    public BooleanProperty notificationsProperty() {
        return chat.notificationsEnabledProperty();
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty appKeyProperty() {
        return appKey;
    }

    public Feedback serverFeedback() {
        return serverFeedback;
    }

    /** Fills the pane from the settings and the server (the nickname and avatar as the server has them now). */
    void refresh() {
        status.set(profile.savedStatus());
        serverUrl.set(settings.serverUrl());
        appKey.set(settings.appKey());
        nicknameFeedback.clear();
        statusFeedback.clear();
        serverFeedback.say(SERVER_NOTE, false);
        profile.load().whenComplete((own, failure) -> {
            if (failure instanceof CancellationException) {
                return;
            }
            if (failure != null) {
                nicknameFeedback.say(failure.getMessage(), true);
            } else {
                nickname.set(own.nickname());
                avatar.showCurrent(own.avatar());
            }
        });
    }

    /** Saves the nickname (Enter in its field). */
    public void saveNickname() {
        nicknameFeedback.busy(true);
        profile.saveNickname(nickname.get()).whenComplete((ok, failure) -> {
            nicknameFeedback.busy(false);
            if (failure instanceof CancellationException) {
                return;
            }
            nicknameFeedback.say(failure == null ? "Nickname saved." : failure.getMessage(), failure != null);
        });
    }

    /** Publishes the status line. */
    public void saveStatus() {
        statusFeedback.busy(true);
        profile.publishStatus(status.get()).whenComplete((ok, failure) -> {
            statusFeedback.busy(false);
            if (failure instanceof CancellationException) {
                return;
            }
            statusFeedback.say(failure != null ? failure.getMessage()
                    : status.get().isBlank() ? "Status cleared." : "Status set.", failure != null);
        });
    }

    /** Keeps the server address and app key for the next sign-in, if they look right. */
    public void saveServer() {
        String url = serverUrl.get().strip();
        String key = appKey.get().strip();
        if (!looksLikeServer(url)) {
            serverFeedback.say("Server address: it must look like ws://host:port/websocket.", true);
        } else if (!key.matches("[^#\\s]+#[^#\\s]+")) {
            serverFeedback.say("App key: it must look like org#app.", true);
        } else {
            settings.setServer(url, key);
            serverChanged.accept(url, key);
            serverFeedback.say("Saved. " + SERVER_NOTE, false);
        }
    }

    private static boolean looksLikeServer(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One section's answer to its last save: a sentence, whether it is a failure, and whether a save runs. */
    public static final class Feedback {
        private final ReadOnlyStringWrapper message;
        private final ReadOnlyBooleanWrapper failed;
        private final ReadOnlyBooleanWrapper busy;

        Feedback(String name) {
            message = new ReadOnlyStringWrapper(this, name + "Message", "");
            failed = new ReadOnlyBooleanWrapper(this, name + "Failed", false);
            busy = new ReadOnlyBooleanWrapper(this, name + "Busy", false);
        }

        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty failedProperty() {
            return failed.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty busyProperty() {
            return busy.getReadOnlyProperty();
        }

        void say(String sentence, boolean failure) {
            message.set(sentence);
            failed.set(failure);
        }

        void busy(boolean running) {
            busy.set(running);
        }

        void clear() {
            say("", false);
        }
    }
}
