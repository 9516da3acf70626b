package dev.parley.desktop;

import dev.parley.desktop.service.SignInMethod;
import dev.parley.desktop.service.SignInRequest;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line of {@code parley}, parsed. Secrets never come from flags that are easy to leak: the password only
 * from the environment variable {@value #PASSWORD_VARIABLE} (a flag would show in {@code ps}); a token from
 * {@code --token} (as in Agora's quickstart) or from {@value #TOKEN_VARIABLE}. {@link #toString()} shows no secret.
 */
public final class LaunchOptions {
    /** The environment variable holding the password for automatic sign-in. */
    public static final String PASSWORD_VARIABLE = "PARLEY_PASSWORD";
    /** The environment variable that may hold a token for automatic sign-in. */
    public static final String TOKEN_VARIABLE = "PARLEY_TOKEN";
    private static final Set<String> VALUE_FLAGS = Set.of("--profile", "--settings-dir", "--url", "--app-key",
            "--user", "--token", "--theme", "--window-x", "--window-y", "--window-width", "--window-height");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private boolean help;
    private boolean version;
    private String profile = "default";
    private Optional<Path> settingsDir = Optional.empty();
    private String url = "";
    private String appKey = "";
    private String user = "";
    private String token = "";
    private String password = "";
    private Optional<Theme> theme = Optional.empty();
    private OptionalDouble windowX = OptionalDouble.empty();
    private OptionalDouble windowY = OptionalDouble.empty();
    private OptionalDouble windowWidth = OptionalDouble.empty();
    private OptionalDouble windowHeight = OptionalDouble.empty();

    private LaunchOptions() {
    }

    /** A command line that the user got wrong; the message says how, as a sentence. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args} ({@code --flag value} or {@code --flag=value}) with the environment {@code env}.
     *
     * @throws UsageException for an unknown flag, a missing or invalid value
     */
    public static LaunchOptions parse(List<String> args, Map<String, String> env) {
        LaunchOptions o = new LaunchOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> o.help = true;
                case "--version", "-V" -> o.version = true;
                default -> {
                    String value = inline != null ? inline : valueAfter(args, i++, name);
                    o.set(name, value);
                }
            }
        }
        o.password = env.getOrDefault(PASSWORD_VARIABLE, "");
        if (o.token.isEmpty()) {
            o.token = env.getOrDefault(TOKEN_VARIABLE, "");
        }
        return o;
    }

    private static String valueAfter(List<String> args, int i, String name) {
        if (!name.startsWith("-")) {
            throw new UsageException("Unexpected argument: " + name + ".");
        }
        if (!VALUE_FLAGS.contains(name)) {
            throw new UsageException("Unknown option: " + name + ".");
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value.");
        }
        return args.get(i + 1);
    }

    private void set(String name, String value) {
        switch (name) {
            case "--profile" -> {
                if (!PROFILE.matcher(value).matches() || value.startsWith(".")) {
                    throw new UsageException("A profile name uses letters, digits, '_', '-' and '.'.");
                }
                profile = value;
            }
            case "--settings-dir" -> settingsDir = Optional.of(Path.of(value));
            case "--url" -> url = value.strip();
            case "--app-key" -> appKey = value.strip();
            case "--user" -> user = value.strip();
            case "--token" -> token = value.strip();
            case "--theme" -> theme = Optional.of(Theme.parse(value)
                    .orElseThrow(() -> new UsageException("--theme is light or dark.")));
            case "--window-x" -> windowX = OptionalDouble.of(number(name, value));
            case "--window-y" -> windowY = OptionalDouble.of(number(name, value));
            case "--window-width" -> windowWidth = OptionalDouble.of(number(name, value));
            case "--window-height" -> windowHeight = OptionalDouble.of(number(name, value));
            default -> throw new UsageException("Unknown option: " + name + ".");
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number of pixels.");
        }
    }

    /** The text of {@code parley --help}. */
    public static String usage() {
        return """
                Usage: parley [options]
                The Parley desktop messenger.

                  --profile NAME        keep settings apart per profile (default: default);
                                        they live in ~/.parley/desktop/NAME/settings.properties
                  --settings-dir DIR    keep the settings in DIR instead
                  --url URL             the server, such as ws://127.0.0.1:7070/websocket
                  --app-key KEY         the app key, such as parley#chat
                  --user ID             the user to sign in as; with a password in the environment
                                        variable PARLEY_PASSWORD, or a token from --token or PARLEY_TOKEN,
                                        signs in at start
                  --token TOKEN         sign in with this token instead of a password
                  --theme light|dark    the colour theme (remembered when changed in the window)
                  --window-x N          the window's left edge, in pixels
                  --window-y N          the window's top edge, in pixels
                  --window-width N      the window's width (default 960, at least 360)
                  --window-height N     the window's height (default 640, at least 480)
                  --version             print the version and exit
                  --help                print this help and exit
                """;
    }

    public boolean help() {
        return help;
    }

    public boolean version() {
        return version;
    }

    public String profile() {
        return profile;
    }

    /** Where the settings are kept: {@code --settings-dir}, else the profile's directory. */
    public Path settingsDirectory() {
        return settingsDir.orElseGet(() -> Settings.profileDirectory(profile));
    }

    public String url() {
        return url;
    }

    public String appKey() {
        return appKey;
    }

    public String user() {
        return user;
    }

    public Optional<Theme> theme() {
        return theme;
    }

    public OptionalDouble windowX() {
        return windowX;
    }

    public OptionalDouble windowY() {
        return windowY;
    }

    public OptionalDouble windowWidth() {
        return windowWidth;
    }

    public OptionalDouble windowHeight() {
        return windowHeight;
    }

    /**
     * The sign-in to make at start: when a user is given with a token or a password (a token wins), using the
     * given or else the remembered server address and app key.
     */
    public Optional<SignInRequest> autoSignIn(String rememberedUrl, String rememberedAppKey) {
        if (user.isEmpty() || (token.isEmpty() && password.isEmpty())) {
            return Optional.empty();
        }
        SignInMethod method = token.isEmpty() ? SignInMethod.PASSWORD : SignInMethod.TOKEN;
        return Optional.of(new SignInRequest(url.isEmpty() ? rememberedUrl : url,
                appKey.isEmpty() ? rememberedAppKey : appKey, user, method,
                method == SignInMethod.TOKEN ? token : password));
    }

    @Override
    public String toString() {
        return "LaunchOptions[profile=" + profile + ", url=" + url + ", appKey=" + appKey + ", user=" + user
                + ", token=" + (token.isEmpty() ? "none" : "given") + ", password="
                + (password.isEmpty() ? "none" : "given") + "]";
    }
}
