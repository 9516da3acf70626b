package dev.parley.desktop.signin;

import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.UserIdRules;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in screen's state: server address and app key (remembered), user id, token or password, and the
 * result of the last attempt as a sentence. Signing in and creating an account go through the {@link ChatService};
 * on success the address, app key, user and method are remembered (never the secret). FX thread only.
 */
public final class SignInViewModel {
    private final ChatService service;
    private final Settings settings;
    private final Appearance appearance;
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
    private final StringProperty appKey = new SimpleStringProperty(this, "appKey", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty secret = new SimpleStringProperty(this, "secret", "");
    private final ObjectProperty<SignInMethod> method = new SimpleObjectProperty<>(this, "method");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding usesPassword = method.isEqualTo(SignInMethod.PASSWORD);
    private final StringBinding secretLabel = Bindings.when(usesPassword).then("Password").otherwise("Token");

    /** A view model that starts with the remembered address, app key, user and method. */
    public SignInViewModel(ChatService service, Settings settings, Appearance appearance) {
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        serverUrl.set(settings.serverUrl());
        appKey.set(settings.appKey());
        user.set(settings.user());
        method.set(settings.signInMethod());
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty appKeyProperty() {
        return appKey;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The token or password, as typed; cleared after a successful sign-in. */
    public StringProperty secretProperty() {
        return secret;
    }

    public ObjectProperty<SignInMethod> methodProperty() {
        return method;
    }

    /** Whether the password method is chosen (an account can then be created). */
    public BooleanBinding usesPasswordBinding() {
        return usesPassword;
    }

    /** "Password" or "Token". */
    public StringBinding secretLabelBinding() {
        return secretLabel;
    }

    /** Whether a sign-in is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** What went wrong with the last attempt, as a sentence; {@code ""} if nothing. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    /** Signs in with the fields' values. */
    public void signIn() {
        submit(false);
    }

    /** Creates an account with the user id and password, then signs in. */
    public void createAccount() {
        if (method.get() != SignInMethod.PASSWORD) {
            method.set(SignInMethod.PASSWORD);
            error.set("Choose a password for the new account.");
            return;
        }
        submit(true);
    }

    /** The theme button's text. */
    public StringBinding themeToggleTextBinding() {
        return appearance.toggleTextBinding();
    }

    /** Switches between the light and dark theme. */
    public void toggleTheme() {
        appearance.toggle();
    }

    private void submit(boolean register) {
        if (busy.get()) {
            return;
        }
        String problem = missingField();
        if (!problem.isEmpty()) {
            error.set(problem);
            return;
        }
        SignInRequest request = new SignInRequest(serverUrl.get(), appKey.get(), user.get(), method.get(),
                secret.get());
        busy.set(true);
        error.set("");
        CompletableFuture<Void> result = register ? service.createAccount(request) : service.signIn(request);
        result.whenComplete((done, failure) -> {
            busy.set(false);
            if (failure == null) {
                settings.rememberSignIn(request.serverUrl(), request.appKey(), request.user(), request.method());
                secret.set("");
            } else {
                error.set(sentence(failure));
            }
        });
    }

    private String missingField() {
        if (serverUrl.get().isBlank()) {
            return "Enter the server address, such as ws://127.0.0.1:7070/websocket.";
        }
        if (appKey.get().isBlank()) {
            return "Enter the app key, such as parley#chat.";
        }
        if (user.get().isBlank()) {
            return "Enter your user ID.";
        }
        if (!UserIdRules.isValid(user.get().strip().toLowerCase(java.util.Locale.ROOT))) {
            return "User ID: use 1 to 64 characters of a–z, 0–9, '_', '-' and '.'.";
        }
        if (secret.get().isBlank()) {
            return method.get() == SignInMethod.PASSWORD ? "Enter your password." : "Paste your token.";
        }
        return "";
    }

    private static String sentence(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return "";
        }
        return cause instanceof ChatServiceException known ? known.getMessage()
                : "Something went wrong. Please try again.";
    }
}
