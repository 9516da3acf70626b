package dev.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {
    @Test
    void demoCommandLineSignsInWithThePasswordFromTheEnvironment() {
        LaunchOptions options = LaunchOptions.parse(List.of("--profile", "leo", "--url",
                "ws://127.0.0.1:7070/websocket", "--app-key", "parley#chat", "--user", "leo", "--theme", "dark",
                "--window-x", "0", "--window-y=40", "--window-width", "640", "--window-height=700"), Map.of("PARLEY_PASSWORD", "s3cret-pass"));
        assertThat(options.profile()).isEqualTo("leo");
        assertThat(options.settingsDirectory()).isEqualTo(Settings.profileDirectory("leo"));
        assertThat(options.theme()).contains(Theme.DARK);
        assertThat(options.windowX().getAsDouble()).isZero();
        assertThat(options.windowY().getAsDouble()).isEqualTo(40);
        assertThat(options.windowWidth().getAsDouble()).isEqualTo(640);
        assertThat(options.windowHeight().getAsDouble()).isEqualTo(700);
        SignInRequest request = options.autoSignIn("ws://remembered/websocket", "x#y").orElseThrow();
        assertThat(request.method()).isEqualTo(SignInMethod.PASSWORD);
        assertThat(request.secret()).isEqualTo("s3cret-pass");
        assertThat(request.serverUrl()).isEqualTo("ws://127.0.0.1:7070/websocket");
        assertThat(options.toString()).doesNotContain("s3cret-pass");
        assertThat(request.toString()).doesNotContain("s3cret-pass");
    }

    @Test
    void aTokenWinsAndTheRememberedAddressIsUsed() {
        LaunchOptions options = LaunchOptions.parse(List.of("--user", "roy", "--token", "tok"), Map.of());
        SignInRequest request = options.autoSignIn("ws://remembered:1/websocket", "a#b").orElseThrow();
        assertThat(request.method()).isEqualTo(SignInMethod.TOKEN);
        assertThat(request.serverUrl()).isEqualTo("ws://remembered:1/websocket");
        assertThat(request.appKey()).isEqualTo("a#b");
        assertThat(LaunchOptions.parse(List.of("--user", "roy"), Map.of()).autoSignIn("u", "k")).isEmpty();
    }

    @Test
    void settingsDirOverridesTheProfileDirectory(@TempDir Path dir) {
        LaunchOptions options = LaunchOptions.parse(List.of("--profile", "roy", "--settings-dir", dir.toString()),
                Map.of());
        assertThat(options.settingsDirectory()).isEqualTo(dir);
        assertThat(Settings.profileDirectory("leo")).isNotEqualTo(Settings.profileDirectory("roy"));
    }

    @Test
    void mistakesAreSentences() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bogus"), Map.of()))
                .hasMessage("Unknown option: --bogus.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--user"), Map.of()))
                .hasMessage("--user needs a value.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--theme", "pink"), Map.of()))
                .hasMessage("--theme is light or dark.");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--profile", "../etc"), Map.of()))
                .isInstanceOf(LaunchOptions.UsageException.class);
    }

    @Test
    void versionAndHelpNeedNoToolkit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--version"}, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("parley \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
        out.reset();
        assertThat(Main.run(new String[] {"--help"}, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--profile NAME", "PARLEY_PASSWORD");
        assertThat(Main.run(new String[] {"--nope"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parley: Unknown option: --nope.");
        assertThat(Main.run(new String[] {"--user", "leo"}, print(out), print(err))).isEqualTo(-1);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
