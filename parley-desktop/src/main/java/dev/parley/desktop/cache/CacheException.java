package dev.parley.desktop.cache;

/**
 * The {@link LocalCache} could not read or write its database for a reason other than a damaged file (a full disk, a
 * directory that cannot be written, a database locked by another process). A damaged file is not an error: the cache
 * moves it aside and starts empty.
 */
public final class CacheException extends RuntimeException {
    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
