package dev.parley.desktop.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in view model with the real service and server, on a direct executor. */
class SignInViewModelTest {
    private final DirectFx fx = new DirectFx();
    @TempDir
    Path settingsDir;
    private TestServer server;
    private ChatService service;
    private SignInViewModel viewModel;

    @BeforeEach
    void start() {
        server = TestServer.start();
        service = server.service(fx);
        Settings settings = Settings.load(settingsDir);
        viewModel = fx.get(() -> new SignInViewModel(service, settings, new Appearance(settings, Theme.LIGHT)));
    }

    @AfterEach
    void stop() {
        fx.run(service::close);
        server.close();
    }

    private void fill(String user, SignInMethod method, String secret) {
        fx.run(() -> {
            viewModel.serverUrlProperty().set(server.wsUrl());
            viewModel.appKeyProperty().set(TestServer.APP_KEY);
            viewModel.userProperty().set(user);
            viewModel.methodProperty().set(method);
            viewModel.secretProperty().set(secret);
        });
    }

    @Test
    void missingFieldsAreNamed() {
        fill("", SignInMethod.PASSWORD, "");
        fx.run(viewModel::signIn);
        assertThat(fx.get(viewModel::getError)).isEqualTo("Enter your user ID.");
        fill("leo", SignInMethod.TOKEN, " ");
        fx.run(viewModel::signIn);
        assertThat(fx.get(viewModel::getError)).isEqualTo("Paste your token.");
        fill("leo smith", SignInMethod.PASSWORD, "a password");
        fx.run(viewModel::signIn);
        assertThat(fx.get(viewModel::getError))
                .isEqualTo("User ID: use 1 to 64 characters of a–z, 0–9, '_', '-' and '.'.");
        assertThat(fx.get(service::isSignedIn)).isFalse();
    }

    @Test
    void wrongPasswordShowsASentenceAndSuccessIsRememberedWithoutTheSecret() {
        server.register("leo");
        fill("leo", SignInMethod.PASSWORD, "nope nope");
        fx.run(viewModel::signIn);
        fx.await("an error", () -> !viewModel.isBusy() && !viewModel.getError().isEmpty());
        assertThat(fx.get(viewModel::getError)).isEqualTo("Wrong user name or password.");

        fill("leo", SignInMethod.PASSWORD, TestServer.PASSWORD);
        fx.run(viewModel::signIn);
        fx.await("signed in", () -> service.isSignedIn() && !viewModel.isBusy());
        assertThat(fx.get(viewModel::getError)).isEmpty();
        assertThat(fx.get(() -> viewModel.secretProperty().get())).isEmpty();

        Settings reloaded = Settings.load(settingsDir);
        assertThat(reloaded.serverUrl()).isEqualTo(server.wsUrl());
        assertThat(reloaded.appKey()).isEqualTo(TestServer.APP_KEY);
        assertThat(reloaded.user()).isEqualTo("leo");
        assertThat(reloaded.signInMethod()).isEqualTo(SignInMethod.PASSWORD);
        assertThat(settingsDir.resolve(Settings.FILE_NAME)).content().doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void createAccountNeedsAPasswordThenSignsIn() {
        fill("fresh", SignInMethod.TOKEN, "");
        fx.run(viewModel::createAccount);
        assertThat(fx.get(() -> viewModel.methodProperty().get())).isEqualTo(SignInMethod.PASSWORD);
        assertThat(fx.get(viewModel::getError)).isEqualTo("Choose a password for the new account.");

        fill("fresh", SignInMethod.PASSWORD, "a long password");
        fx.run(viewModel::createAccount);
        fx.await("signed in", service::isSignedIn);
        assertThat(fx.get(service::getCurrentUser)).isEqualTo("fresh");
    }
}
