package dev.parley.desktop;

import dev.parley.desktop.notify.FreedesktopNotifier;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.Notifier;
import dev.parley.desktop.emoji.EmojiFont;
import dev.parley.desktop.media.FileActions;
import dev.parley.desktop.service.OutboxStore;
import dev.parley.desktop.service.RemovalStore;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.signin.SignInViewModel;
import dev.parley.desktop.view.MainWindow;
import java.lang.System.Logger.Level;
import java.util.function.UnaryOperator;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: reads the profile's settings, makes the {@link ChatService} with {@code Platform::runLater}
 * as its FX executor, shows the {@link MainWindow} at once, and signs in by itself when the command line says who.
 * Started by {@link Main}.
 */
public final class ParleyApp extends Application {
    private static final System.Logger LOG = System.getLogger(ParleyApp.class.getName());

    private ChatService service;
    private Notifier notifier;

    /** Made by JavaFX. */
    public ParleyApp() {
    }

    @Override
    public void start(Stage stage) {
        // The emoji font must be registered before any text is laid out (JavaFX fixes a font's fallbacks then); it
        // loads while the window is built, and is waited for before the window is shown.
        Thread emojiFont = Thread.ofVirtual().name("parley-emoji-font").start(EmojiFont::register);
        LaunchOptions options = LaunchOptions.parse(getParameters().getRaw(), System.getenv());
        Settings settings = Settings.load(options.settingsDirectory());
        Appearance appearance = new Appearance(settings, options.theme().orElse(settings.theme()));
        notifier = FreedesktopNotifier.forSessionBus(System.getenv());
        service = new ChatService(Platform::runLater, UnaryOperator.identity(),
                OutboxStore.inDirectory(options.settingsDirectory()), notifier,
                RemovalStore.inDirectory(options.settingsDirectory()));
        service.extras().setMediaDirectory(options.settingsDirectory().resolve("media"));
        service.useLocalCache(options.settingsDirectory());
        MainWindow window = new MainWindow(service, settings, appearance, getHostServices()::showDocument,
                FileActions.system(getHostServices()));
        window.install(stage);
        options.windowX().ifPresent(stage::setX);
        options.windowY().ifPresent(stage::setY);
        options.windowWidth().ifPresent(stage::setWidth);
        options.windowHeight().ifPresent(stage::setHeight);
        try {
            emojiFont.join(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stage.show();
        LOG.log(Level.DEBUG, "started with {0}", options);

        SignInViewModel signIn = window.signInViewModel();
        if (!options.url().isEmpty()) {
            signIn.serverUrlProperty().set(options.url());
        }
        if (!options.appKey().isEmpty()) {
            signIn.appKeyProperty().set(options.appKey());
        }
        if (!options.user().isEmpty()) {
            signIn.userProperty().set(options.user());
        }
        options.autoSignIn(settings.serverUrl(), settings.appKey()).ifPresent(request -> {
            signIn.methodProperty().set(request.method());
            signIn.serverUrlProperty().set(request.serverUrl());
            signIn.appKeyProperty().set(request.appKey());
            signIn.secretProperty().set(request.secret());
            signIn.signIn();
        });
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
        }
        if (notifier != null) {
            notifier.close();
        }
    }
}
