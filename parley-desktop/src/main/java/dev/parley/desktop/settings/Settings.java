package dev.parley.desktop.settings;

import dev.parley.desktop.service.SignInMethod;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What the app remembers between runs, per profile: the server address, app key, user id, sign-in method, theme,
 * whether desktop notifications are on and the custom status line, in {@code settings.properties} in the profile's directory ({@code ~/.parley/desktop/<profile>/} unless
 * {@code --settings-dir} says otherwise). Secrets (tokens, passwords) are never stored. Each change is written at
 * once (a few hundred bytes, replaced atomically); a file that cannot be written is logged and otherwise ignored.
 * Not thread-safe: used on the FX thread.
 */
public final class Settings {
    private static final System.Logger LOG = System.getLogger(Settings.class.getName());
    /** The file's name in the profile directory. */
    public static final String FILE_NAME = "settings.properties";
    /** The server address offered when none is remembered. */
    public static final String DEFAULT_SERVER_URL = "ws://127.0.0.1:7070/websocket";
    /** The app key offered when none is remembered. */
    public static final String DEFAULT_APP_KEY = "parley#chat";

    private static final String SERVER_URL = "server.url";
    private static final String APP_KEY = "app.key";
    private static final String USER = "user";
    private static final String METHOD = "signin.method";
    private static final String THEME = "theme";
    private static final String NOTIFICATIONS = "notifications";
    private static final String STATUS = "status";

    private final Optional<Path> file;
    private final Properties values = new Properties();

    private Settings(Optional<Path> file) {
        this.file = file;
    }

    /** The default directory of a profile: {@code ~/.parley/desktop/<profile>}. */
    public static Path profileDirectory(String profile) {
        return Path.of(System.getProperty("user.home"), ".parley", "desktop", profile);
    }

    /** The settings stored in {@code directory} (empty if there is no file yet). */
    public static Settings load(Path directory) {
        Settings settings = new Settings(Optional.of(directory.resolve(FILE_NAME)));
        try (Reader in = Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            settings.values.load(in);
        } catch (NoSuchFileException e) {
            LOG.log(Level.DEBUG, "no settings yet in {0}", directory);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "could not read the settings in " + directory + ": " + e.getMessage());
        }
        return settings;
    }

    /** Settings that are not written anywhere. */
    public static Settings inMemory() {
        return new Settings(Optional.empty());
    }

    public String serverUrl() {
        return values.getProperty(SERVER_URL, DEFAULT_SERVER_URL);
    }

    public String appKey() {
        return values.getProperty(APP_KEY, DEFAULT_APP_KEY);
    }

    public String user() {
        return values.getProperty(USER, "");
    }

    public SignInMethod signInMethod() {
        try {
            return SignInMethod.valueOf(values.getProperty(METHOD, SignInMethod.PASSWORD.name()));
        } catch (IllegalArgumentException e) {
            return SignInMethod.PASSWORD;
        }
    }

    public Theme theme() {
        return Theme.parse(values.getProperty(THEME, "light")).orElse(Theme.LIGHT);
    }

    /** Whether desktop notifications are on ({@code notifications=on|off}; on unless turned off). */
    public boolean notificationsEnabled() {
        return !"off".equalsIgnoreCase(values.getProperty(NOTIFICATIONS, "on").strip());
    }

    public void setNotificationsEnabled(boolean enabled) {
        values.setProperty(NOTIFICATIONS, enabled ? "on" : "off");
        save();
    }

    /** Remembers a successful sign-in's address, app key, user and method (never its secret). */
    public void rememberSignIn(String serverUrl, String appKey, String user, SignInMethod method) {
        values.setProperty(SERVER_URL, Objects.requireNonNull(serverUrl, "serverUrl"));
        values.setProperty(APP_KEY, Objects.requireNonNull(appKey, "appKey"));
        values.setProperty(USER, Objects.requireNonNull(user, "user"));
        values.setProperty(METHOD, method.name());
        save();
    }

    /** Changes the server address and app key the next sign-in offers (the settings pane). */
    public void setServer(String serverUrl, String appKey) {
        values.setProperty(SERVER_URL, Objects.requireNonNull(serverUrl, "serverUrl"));
        values.setProperty(APP_KEY, Objects.requireNonNull(appKey, "appKey"));
        save();
    }

    /** The custom status line published at each sign-in, {@code ""} for none. */
    public String status() {
        return values.getProperty(STATUS, "");
    }

    public void setStatus(String status) {
        values.setProperty(STATUS, Objects.requireNonNull(status, "status"));
        save();
    }

    public void setTheme(Theme theme) {
        values.setProperty(THEME, theme.name().toLowerCase(Locale.ROOT));
        save();
    }

    private void save() {
        file.ifPresent(path -> {
            try {
                write(path);
            } catch (IOException | UncheckedIOException e) {
                LOG.log(Level.WARNING, "could not save the settings to " + path + ": " + e.getMessage());
            }
        });
    }

    private void write(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            values.store(out, "Parley desktop settings");
        }
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
