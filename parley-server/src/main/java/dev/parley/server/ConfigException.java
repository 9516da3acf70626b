package dev.parley.server;

/** The configuration cannot be used; the message says what to fix. */
public final class ConfigException extends ParleyServerException {
    public ConfigException(String message) {
        super(message);
    }
}
