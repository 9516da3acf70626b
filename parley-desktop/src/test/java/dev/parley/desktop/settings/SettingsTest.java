package dev.parley.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.service.SignInMethod;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void defaultsUntilSomethingIsRemembered(@TempDir Path dir) {
        Settings settings = Settings.load(dir.resolve("none-yet"));
        assertThat(settings.serverUrl()).isEqualTo(Settings.DEFAULT_SERVER_URL);
        assertThat(settings.appKey()).isEqualTo(Settings.DEFAULT_APP_KEY);
        assertThat(settings.user()).isEmpty();
        assertThat(settings.theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void twoProfilesKeepSeparateSettings(@TempDir Path home) {
        Settings leo = Settings.load(home.resolve("leo"));
        Settings roy = Settings.load(home.resolve("roy"));
        leo.rememberSignIn("ws://a:1/websocket", "a#b", "leo", SignInMethod.PASSWORD);
        roy.rememberSignIn("ws://c:2/websocket", "c#d", "roy", SignInMethod.TOKEN);
        new Appearance(roy, Theme.LIGHT).toggle();

        Settings leoAgain = Settings.load(home.resolve("leo"));
        Settings royAgain = Settings.load(home.resolve("roy"));
        assertThat(leoAgain.user()).isEqualTo("leo");
        assertThat(leoAgain.theme()).isEqualTo(Theme.LIGHT);
        assertThat(royAgain.user()).isEqualTo("roy");
        assertThat(royAgain.signInMethod()).isEqualTo(SignInMethod.TOKEN);
        assertThat(royAgain.theme()).isEqualTo(Theme.DARK);
        assertThat(home.resolve("roy").resolve(Settings.FILE_NAME)).exists();
    }

    @Test
    void theSettingsPanesServerAndStatusAreKeptAndTheUserWithThem(@TempDir Path dir) {
        Settings.load(dir).rememberSignIn("ws://a:1/websocket", "a#b", "leo", SignInMethod.TOKEN);
        Settings.load(dir).setServer("wss://chat.example:443/websocket", "org#app");
        Settings.load(dir).setStatus("at the lake");

        Settings again = Settings.load(dir);
        assertThat(again.serverUrl()).isEqualTo("wss://chat.example:443/websocket");
        assertThat(again.appKey()).isEqualTo("org#app");
        assertThat(again.user()).isEqualTo("leo");
        assertThat(again.signInMethod()).isEqualTo(SignInMethod.TOKEN);
        assertThat(again.status()).isEqualTo("at the lake");
    }

    @Test
    void notificationsAreOnUntilTurnedOffAndStayOff(@TempDir Path dir) {
        assertThat(Settings.load(dir).notificationsEnabled()).isTrue();
        Settings.load(dir).setNotificationsEnabled(false);
        assertThat(Settings.load(dir).notificationsEnabled()).isFalse();
        Settings.load(dir).setNotificationsEnabled(true);
        assertThat(Settings.load(dir).notificationsEnabled()).isTrue();
    }
}
