package dev.parley.server;

import dev.parley.protocol.token.AppCredentials;
import dev.parley.server.store.DataDirectory;
import dev.parley.server.store.StoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The app this server serves: its key and its credentials. Credentials come from the configuration when given;
 * otherwise from {@code app.properties} in the data dir; otherwise they are generated and saved there (readable by
 * the owner only).
 *
 * @param key         the app key
 * @param credentials app id and certificate
 * @param generated   whether the credentials were generated just now (the command line prints them then)
 */
public record App(AppKey key, AppCredentials credentials, boolean generated) {
    static final String FILE = "app.properties";

    /** Loads, or generates and saves, the app of this configuration. */
    public static App loadOrCreate(ServerConfig config) {
        Path file = config.dataDir().resolve(FILE);
        Properties saved = read(file);
        String keyText = firstNonEmpty(config.appKey(), saved.getProperty("appKey", ""), ServerConfig.DEFAULT_APP_KEY);
        AppKey key = AppKey.parse(keyText);
        String id = firstNonEmpty(config.appId(), saved.getProperty("appId", ""), "");
        String certificate = firstNonEmpty(config.appCertificate(), saved.getProperty("appCertificate", ""), "");
        if (id.isEmpty() != certificate.isEmpty()) {
            throw new ConfigException("give both the app id and the app certificate, or neither");
        }
        boolean generated = id.isEmpty();
        AppCredentials credentials;
        try {
            credentials = generated ? AppCredentials.generate(new SecureRandom()) : new AppCredentials(id, certificate);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (generated || saved.isEmpty()) {
            save(file, key, credentials);
        }
        return new App(key, credentials, generated);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }

    private static void save(Path file, AppKey key, AppCredentials credentials) {
        Properties p = new Properties();
        p.setProperty("appKey", key.toString());
        p.setProperty("appId", credentials.appId());
        p.setProperty("appCertificate", credentials.appCertificate());
        try {
            DataDirectory.secure(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            DataDirectory.createPrivateFile(tmp);
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Parley app credentials: keep the certificate secret");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | StoreException e) {
            throw new ConfigException("cannot save app credentials in " + file + ": " + e.getMessage());
        }
    }
}
