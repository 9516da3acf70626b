package dev.parley.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.TestServer;
import dev.parley.client.ConnectionState;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One app window under test, as the app builds it (a {@link ChatService} on {@code Platform::runLater}, the
 * {@link MainWindow}), on a stage of its own, plus what tests do with it through the view: type, click, read.
 */
public final class AppWindow {
    private final Stage stage;
    private final ChatService service;
    private final MainWindow window;
    private final Settings settings;
    private final List<String> openedLinks;

    private AppWindow(Stage stage, ChatService service, MainWindow window, Settings settings,
                      List<String> openedLinks) {
        this.openedLinks = openedLinks;
        this.stage = stage;
        this.service = service;
        this.window = window;
        this.settings = settings;
    }

    /**
     * Builds and shows a window on {@code stage} at the given place and size, remembering the server's address and
     * app key and the token method as an earlier sign-in would have; call on the FX thread.
     */
    public static AppWindow show(Stage stage, TestServer server, double x, double y, double width, double height) {
        Settings settings = Settings.inMemory();
        settings.rememberSignIn(server.wsUrl(), TestServer.APP_KEY, "", SignInMethod.TOKEN);
        ChatService service = server.service(Platform::runLater);
        List<String> links = new java.util.concurrent.CopyOnWriteArrayList<>();
        MainWindow window = new MainWindow(service, settings, new Appearance(settings, Theme.LIGHT), links::add);
        window.install(stage);
        stage.setX(x);
        stage.setY(y);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        stage.toFront();
        return new AppWindow(stage, service, window, settings, links);
    }

    /** The links the window asked the system browser to open, in order. */
    public List<String> openedLinks() {
        return openedLinks;
    }

    public Stage stage() {
        return stage;
    }

    public ChatService service() {
        return service;
    }

    public MainWindow window() {
        return window;
    }

    public Settings settings() {
        return settings;
    }

    /** A node of this window by CSS selector (such as {@code #userField}). */
    public <T extends Node> T node(FxRobot robot, String selector) {
        return robot.from(window.root()).lookup(selector).query();
    }

    /** The first node {@code selector} finds that the user can see ({@link #seen}). */
    @SuppressWarnings("unchecked")
    public <T extends Node> T seenNode(FxRobot robot, String selector) {
        return (T) robot.from(window.root()).lookup(selector).queryAll().stream().filter(AppWindow::seen).findFirst()
                .orElseThrow(() -> new AssertionError("nothing seen matches " + selector));
    }

    /**
     * The texts of the labels with this style class the user can see, in scene order; of other nodes (such as a
     * message's body), their accessible text.
     */
    public List<String> texts(FxRobot robot, String styleClass) {
        return robot.from(window.root()).lookup(styleClass).queryAll().stream()
                .filter(AppWindow::seen).filter(n -> n instanceof Labeled || n.getAccessibleText() != null)
                .map(n -> n instanceof Labeled l ? l.getText() : n.getAccessibleText()).toList();
    }

    /** Whether the node {@code selector} finds is on screen: in the scene, and it and every parent visible. */
    public boolean shows(FxRobot robot, String selector) {
        Node node = robot.from(window.root()).lookup(selector).tryQuery().orElse(null);
        return node != null && node.getScene() != null && seen(node);
    }

    /**
     * Whether the node and every parent are visible: what the user can see (a list's cell that shows no item keeps
     * its nodes, hidden, with the last item's texts).
     */
    public static boolean seen(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A visible label with this style class and text. */
    public Optional<Label> label(FxRobot robot, String styleClass, String text) {
        return robot.from(window.root()).lookup(styleClass).queryAll().stream()
                .filter(n -> n instanceof Label l && seen(l) && text.equals(l.getText()))
                .map(n -> (Label) n).findFirst();
    }

    /**
     * Brings this window to the front with the keyboard focus: the headless platform sends robot key presses to the
     * window it thinks is focused, which a click on another window does not change.
     */
    public void focus(FxRobot robot) {
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
    }

    /** Replaces a field's text by typing, as a user would. */
    public void type(FxRobot robot, String selector, String text) {
        TextInputControl field = node(robot, selector);
        focus(robot);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text, 0);
        awaitFx("typed into " + selector, () -> field.getText().equals(text), field::getText);
    }

    /** Replaces a field's text by pasting (Ctrl+V), as a user does with a token; faster than typing. */
    public void paste(FxRobot robot, String selector, String text) {
        TextInputControl field = node(robot, selector);
        focus(robot);
        robot.clickOn(field);
        robot.interact(() -> {
            field.selectAll();
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.press(KeyCode.SHORTCUT).type(KeyCode.V).release(KeyCode.SHORTCUT);
        awaitFx("pasted into " + selector, () -> field.getText().equals(text), field::getText);
    }

    /**
     * Signs in through the sign-in screen with a token: the address and app key are remembered; types the user,
     * chooses the token method, pastes the token, presses Enter.
     */
    public void signInWithToken(FxRobot robot, TestServer server, String user) {
        assertThat(onFx(() -> ((TextInputControl) node(robot, "#serverUrlField")).getText()))
                .isEqualTo(server.wsUrl());
        type(robot, "#userField", user);
        robot.clickOn((Node) node(robot, "#tokenMethod"));
        paste(robot, "#secretField", server.token(user));
        robot.type(KeyCode.ENTER);
        awaitFx("signed in as " + user, () -> service.isSignedIn()
                && ((Labeled) node(robot, "#statusLabel")).getText().equals("Connected"));
    }

    /** Signs in through the service (for tests about what follows sign-in) and waits for the chat screen. */
    public void signInDirectly(SignInRequest request) {
        onFx(() -> service.signIn(request));
        awaitFx("signed in as " + request.user(), () -> service.isSignedIn()
                && service.getConnectionState() == ConnectionState.CONNECTED);
    }

    /** Waits (up to 10 s) until {@code condition}, evaluated on the FX thread, holds. */
    public static void awaitFx(String what, Callable<Boolean> condition) {
        awaitFx(what, condition, () -> "");
    }

    /** Waits (up to 10 s) until {@code condition} holds; on timeout the message shows {@code state}. */
    public static void awaitFx(String what, Callable<Boolean> condition, Callable<?> state) {
        try {
            WaitForAsyncUtils.waitFor(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + " " + onFx(state));
        }
    }

    /** Computes {@code value} on the FX thread. */
    public static <T> T onFx(Callable<T> value) {
        try {
            return WaitForAsyncUtils.asyncFx(value).get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Closes the service (signs out); call from the test thread. */
    public void close() {
        onFx(() -> {
            service.close();
            stage.hide();
            return null;
        });
        assertThat(onFx(service::isSignedIn)).isFalse();
    }
}
