package dev.parley.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from {@code version.properties} (filled in by Maven). */
final class Version {
    private Version() {
    }

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
