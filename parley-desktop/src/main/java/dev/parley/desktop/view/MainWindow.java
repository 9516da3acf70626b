package dev.parley.desktop.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.parley.desktop.chat.AvatarPictures;
import dev.parley.desktop.chat.ChatController;
import dev.parley.desktop.chat.ChatViewModel;
import dev.parley.desktop.chat.ConversationController;
import dev.parley.desktop.chat.ConversationListController;
import dev.parley.desktop.chat.ConversationListViewModel;
import dev.parley.desktop.chat.ConversationViewModel;
import dev.parley.desktop.chat.LiveViewModel;
import dev.parley.desktop.chat.MediaViewModel;
import dev.parley.desktop.media.FileActions;
import dev.parley.desktop.emoji.EmojiSet;
import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.profile.ProfileController;
import dev.parley.desktop.profile.ProfileService;
import dev.parley.desktop.profile.ProfileViewModel;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import dev.parley.desktop.signin.SignInController;
import dev.parley.desktop.signin.SignInViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Button;
import javafx.geometry.Pos;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * One messenger window: the composition root of its views, view models and controllers over one
 * {@link ChatService}. It shows the sign-in screen while signed out and the chat screen while signed in, stacks
 * toasts over both, puts the settings pane ({@code profile/Profile.fxml}) at the right when it is open, puts groups
 * and search in ({@link GroupsInWindow}, {@link SearchInWindow}, over the sign-in's {@link SessionTools}), applies the
 * theme, and sends Escape to the toasts. Each screen, the settings pane and the shortcuts sheet are built when they are
 * first shown: a signed-out start builds only the sign-in screen, a signed-in (or cached) start only the chat screen,
 * so the first window comes sooner. Nothing is fetched before the window appears.
 */
public final class MainWindow {
    /** The smallest window size. */
    public static final double MIN_WIDTH = 360;
    public static final double MIN_HEIGHT = 480;
    /** The size a new window opens with. */
    public static final double DEFAULT_WIDTH = 960;
    public static final double DEFAULT_HEIGHT = 640;

    private static final System.Logger LOG = System.getLogger(MainWindow.class.getName());

    private final ChatService service;
    private final Appearance appearance;
    private final Consumer<String> openLink;
    private final SignInViewModel signIn;
    private final ChatViewModel chat;
    private final ConversationListViewModel conversationList;
    private final ConversationViewModel conversation;
    private final MediaViewModel media;
    private final LiveViewModel live;
    private final ToastsViewModel toasts;
    private final ProfileViewModel profile;
    private final EmojiText emoji;
    private final StackPane screen = new StackPane();
    /** The shortcuts sheet, made at the first F1 or "?". */
    private ShortcutsSheet shortcuts;
    private final StackPane root;
    /** The screens, each loaded when first shown. */
    private Parent signInView;
    private Parent chatView;
    /** The settings pane, loaded when first opened. */
    private Parent profileView;
    private SignInController signInController;
    private ChatController chatController;
    private ConversationListController conversationListController;
    private ConversationController conversationController;
    private SearchInWindow search;

    /** Builds the window's views over {@code service}, without a browser for links (they are logged). */
    public MainWindow(ChatService service, Settings settings, Appearance appearance) {
        this(service, settings, appearance, url -> LOG.log(System.Logger.Level.INFO, "no browser to open {0}", url));
    }

    /**
     * Builds the window's views over {@code service}; call {@link #install(Stage)} to show them.
     *
     * @param openLink opens a web link from a message in the system browser ({@code HostServices::showDocument})
     */
    public MainWindow(ChatService service, Settings settings, Appearance appearance, Consumer<String> openLink) {
        this(service, settings, appearance, openLink, noFileActions());
    }

    /**
     * Builds the window's views over {@code service}; call {@link #install(Stage)} to show them.
     *
     * @param openLink    opens a web link from a message in the system browser ({@code HostServices::showDocument})
     * @param fileActions the save dialog and the system's opener of files ({@code FileActions.system(hostServices)})
     */
    public MainWindow(ChatService service, Settings settings, Appearance appearance, Consumer<String> openLink,
                      FileActions fileActions) {
        this.openLink = Objects.requireNonNull(openLink, "openLink");
        this.service = Objects.requireNonNull(service, "service");
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        service.setNotificationsEnabled(settings.notificationsEnabled());
        service.notificationsEnabledProperty().addListener((o, was, on) -> settings.setNotificationsEnabled(on));
        this.signIn = new SignInViewModel(service, settings, appearance);
        this.chat = new ChatViewModel(service, appearance);
        this.conversationList = new ConversationListViewModel(service);
        this.conversation = new ConversationViewModel(service);
        this.media = new MediaViewModel(service, fileActions);
        this.live = new LiveViewModel(service);
        this.toasts = new ToastsViewModel(service);
        this.profile = new ProfileViewModel(new ProfileService(service, settings, Platform::runLater), service,
                appearance, settings, Platform::runLater, (url, key) -> {
                    signIn.serverUrlProperty().set(url);
                    signIn.appKeyProperty().set(key);
                });
        profile.showingProperty().bindBidirectional(chat.settingsShowingProperty());
        // A picture saved in the settings pane shows at once in the list, the timeline and the header.
        profile.avatar().currentProperty().addListener((o, was, picture) -> {
            if (picture != null && service.isSignedIn()) {
                AvatarPictures.of(service).show(service.getCurrentUser(), picture);
            }
        });
        this.emoji = new EmojiText(EmojiSet.bundled());
        ToastPane toastPane = new ToastPane(toasts);
        toastPane.setMaxWidth(Double.MAX_VALUE);
        BorderPane layout = new BorderPane(screen);
        layout.setBottom(toastPane);
        // The settings pane: a side sheet at the right over a scrim; the screen behind takes no input meanwhile.
        Region scrim = new Region();
        scrim.getStyleClass().add("settings-scrim");
        scrim.visibleProperty().bind(profile.showingProperty());
        scrim.setOnMouseClicked(event -> profile.close());
        layout.disableProperty().bind(profile.showingProperty());
        this.root = new StackPane(layout, scrim);
        profile.showingProperty().addListener((o, was, showing) -> {
            if (showing) {
                profileView();
            } else if (service.isSignedIn()) {
                chatScreen();
                chatController.focusNewChat();
            }
        });
        toastPane.toastWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(ToastPane.TOAST_WIDTH * 1.5, root.getWidth() - 24), root.widthProperty()));
        root.getStyleClass().add("parley-root");
        showScreen(service.isSignedIn());
        service.signedInProperty().addListener((o, was, signedIn) -> showScreen(signedIn));
        // Instant start: the cached list shows while the sign-in is on its way (it ends either way).
        service.showingCacheProperty().addListener((o, was, cached) -> {
            if (!service.isSignedIn()) {
                showScreen(cached);
            }
        });
    }

    /** The sign-in screen's view model (the launcher fills it from the command line). */
    public SignInViewModel signInViewModel() {
        return signIn;
    }

    /** The settings pane's view model (tests pick a picture through it instead of the system's file chooser). */
    public ProfileViewModel profileViewModel() {
        return profile;
    }

    /** Images and files of the open conversation (tests attach through it instead of the system's file chooser). */
    public MediaViewModel mediaViewModel() {
        return media;
    }

    /** Search in this window (tests read how long showing a result took); the chat screen is built if it was not. */
    SearchInWindow searchInWindow() {
        chatScreen();
        return search;
    }

    /** The root node of the window's scene. */
    public Parent root() {
        return root;
    }

    /**
     * Puts the window's scene on {@code stage} with the default and minimum sizes, title and theme; the caller may
     * place the stage, then shows it.
     */
    public void install(Stage stage) {
        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(resource(MainWindow.class, "parley.css").toExternalForm());
        // Filters see keys before any control: F1 and "?" (outside text fields) show the shortcuts, Escape closes them.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F1) {
                shortcuts().show();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && shortcuts != null && shortcuts.isShowing()) {
                shortcuts.hide();
                event.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("?".equals(event.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)) {
                shortcuts().show();
                event.consume();
            }
        });
        // A handler, not a filter: a focused control (the new-chat field) may use Escape first.
        scene.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && toasts.dismissNewest()) {
                event.consume();
            }
        });
        applyTheme(appearance.getTheme());
        appearance.themeProperty().addListener((o, old, theme) -> applyTheme(theme));
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> title(service.getCurrentUser(), service.totalUnreadProperty().get()),
                service.currentUserProperty(), service.totalUnreadProperty()));
        chat.windowFocusedProperty().bind(stage.focusedProperty());
        // A clicked desktop notification opened its conversation: show the window.
        service.onNotificationClicked(() -> {
            stage.setIconified(false);
            stage.toFront();
            stage.requestFocus();
        });
    }

    /** The window's title: "Parley — leo", with the unread count in front when there is one: "(3) Parley — leo". */
    static String title(String user, int unread) {
        String title = user.isEmpty() ? "Parley" : "Parley — " + user;
        return unread > 0 ? "(" + unread + ") " + title : title;
    }

    private void showScreen(boolean signedIn) {
        if (signedIn) {
            screen.getChildren().setAll(chatScreen());
            chatController.focusNewChat();
        } else {
            if (signInView == null) {
                signInView = load(SignInController.class, "SignIn.fxml");
            }
            screen.getChildren().setAll(signInView);
            signInController.focusFirstEmptyField();
        }
    }

    /** The chat screen, with groups and search put in, built the first time it is needed. */
    private Parent chatScreen() {
        if (chatView == null) {
            chatView = load(ChatController.class, "Chat.fxml");
            // Groups and search: one set of services per sign-in, buttons at the header's right end, the side pane.
            ReadOnlyObjectProperty<SessionTools> tools = SessionTools.follow(service, Platform::runLater);
            search = new SearchInWindow(service, tools, chatView, chatController, conversationController,
                    headerButton("1f50d", "🔍"));
            new GroupsInWindow(service, tools, chatView, chatController, conversationListController,
                    conversationController, headerButton("1f465", "👥"), live);
        }
        return chatView;
    }

    /** The settings pane at the right, loaded and put over the scrim the first time it opens. */
    private void profileView() {
        if (profileView == null) {
            profileView = load(ProfileController.class, "Profile.fxml");
            StackPane.setAlignment(profileView, Pos.CENTER_RIGHT);
            root.getChildren().add(2, profileView);
        }
    }

    /** The shortcuts sheet, put on top the first time it is asked for. */
    private ShortcutsSheet shortcuts() {
        if (shortcuts == null) {
            shortcuts = new ShortcutsSheet();
            root.getChildren().add(shortcuts);
        }
        return shortcuts;
    }

    /** A flat button at the conversation header's right end showing an emoji picture. */
    private Button headerButton(String picture, String text) {
        Button button = new Button();
        button.setGraphic(emoji.picture(emoji.set().picture(picture), text, 18));
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().removeAll("light", "dark");
        root.getStyleClass().add(theme == Theme.DARK ? "dark" : "light");
    }

    private Parent load(Class<?> controllerType, String fxml) {
        FXMLLoader loader = new FXMLLoader(resource(controllerType, fxml));
        loader.setControllerFactory(this::controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    private Object controller(Class<?> type) {
        if (type == SignInController.class) {
            signInController = new SignInController(signIn);
            return signInController;
        }
        if (type == ChatController.class) {
            chatController = new ChatController(chat);
            return chatController;
        }
        if (type == ProfileController.class) {
            return new ProfileController(profile);
        }
        if (type == ConversationListController.class) {
            conversationListController = new ConversationListController(conversationList, emoji);
            return conversationListController;
        }
        if (type == ConversationController.class) {
            conversationController = new ConversationController(conversation, openLink, emoji, media, live);
            return conversationController;
        }
        throw new IllegalArgumentException("no controller of type " + type.getName());
    }

    /** Without a desktop to save or open files with: saving is cancelled, opening is logged. */
    private static FileActions noFileActions() {
        return new FileActions() {
            @Override
            public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
                return Optional.empty();
            }

            @Override
            public void open(Path file) {
                LOG.log(System.Logger.Level.INFO, "no desktop to open {0}", file);
            }
        };
    }

    private static URL resource(Class<?> owner, String name) {
        URL url = owner.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
        }
        return url;
    }
}
