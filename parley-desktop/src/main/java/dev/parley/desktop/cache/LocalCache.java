package dev.parley.desktop.cache;

import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * The "instant start" store: what one user of one server last saw, kept on this device so that a signed-in start can
 * show the conversations and their recent messages before the network answers. An embedded SQLite database in the
 * profile's directory ({@link CacheFiles}: {@code cache/<hash>.db}, the directory mode 700, the files mode 600), one
 * per server, app key and user, so opening it for another user or in another profile never shows these rows. It
 * holds the conversation list ({@link CachedConversation}), people's display names, the newest
 * {@link #DEFAULT_HISTORY_LIMIT} messages of each conversation (older ones are pruned), and the outbox
 * ({@link OutboxMessage}s written and not yet receipted, in order), in the SDK's own types. Numbered migrations
 * ({@link CacheSchema}) bring an older file up to date.
 * <p>
 * It is only a cache: a damaged file (or one of a newer app version) is moved aside as {@code <name>.corrupt-<ms>},
 * logged (WARNING), and an empty cache takes its place, at opening or at any later call, which is then done on the
 * new file. Other failures (a full disk, a directory that cannot be written) are {@link CacheException}s.
 * <p>
 * Threading: every method blocks on the disk. The service owns one background thread for it and calls it there, never
 * on the FX thread. Methods are {@code synchronized}, so a call from elsewhere (closing at sign-out) is safe. Signing
 * out {@linkplain #close() closes} it; after that every method but {@code close} throws
 * {@link IllegalStateException}.
 */
public final class LocalCache implements AutoCloseable {
    /** How many messages of each conversation are kept unless {@link #open(Path, String, String, String, int)} says. */
    public static final int DEFAULT_HISTORY_LIMIT = 500;
    private static final System.Logger LOG = System.getLogger(LocalCache.class.getName());
    /**
     * Opening is one at a time in this process: two connections opening a new file at once (the outbox's and the
     * list's) both switch it to WAL, and SQLite answers the second "database is locked" at once, without waiting for
     * its busy timeout. One app instance uses a profile, so this process is the only one opening its files.
     */
    private static final Object OPENING = new Object();
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path file;
    private final String serverUrl;
    private final String appKey;
    private final String user;
    private final int historyLimit;
    private Connection connection;

    private LocalCache(Path file, String serverUrl, String appKey, String user, int historyLimit) {
        this.file = file;
        this.serverUrl = serverUrl;
        this.appKey = appKey;
        this.user = user;
        this.historyLimit = historyLimit;
    }

    /** Opens the cache of {@code user} at {@code serverUrl} (with no app key) in {@code profileDir}. */
    public static LocalCache open(Path profileDir, String serverUrl, String user) {
        return open(profileDir, serverUrl, "", user, DEFAULT_HISTORY_LIMIT);
    }

    /** Opens the cache of {@code user} at {@code serverUrl} with {@code appKey} in {@code profileDir}. */
    public static LocalCache open(Path profileDir, String serverUrl, String appKey, String user) {
        return open(profileDir, serverUrl, appKey, user, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * Opens (creating when missing) the cache of {@code user} (in any case) at {@code serverUrl} with {@code appKey}
     * in {@code profileDir}, keeping the newest {@code historyLimit} messages of each conversation.
     *
     * @throws CacheException when the file cannot be created or opened (not when it is damaged: see the class)
     */
    public static LocalCache open(Path profileDir, String serverUrl, String appKey, String user, int historyLimit) {
        Objects.requireNonNull(profileDir, "profileDir");
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be positive");
        }
        String canonicalUser = user.strip().toLowerCase(Locale.ROOT);
        LocalCache cache = new LocalCache(CacheFiles.database(profileDir, serverUrl, appKey, canonicalUser),
                serverUrl.strip(), appKey.strip(), canonicalUser, historyLimit);
        synchronized (cache) {
            cache.connect();
        }
        return cache;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Every cached conversation: pinned ones first, then by newest message, newest first. */
    public synchronized List<CachedConversation> conversations() {
        return run(ConversationTable::all);
    }

    /**
     * Writes conversations as the server lists them (name, newest message, unread count), keeping their flags and
     * a newer message the cache has seen since; conversations not given are left as they are.
     */
    public synchronized void putConversations(Collection<Conversation> conversations) {
        transaction(c -> {
            for (Conversation conversation : conversations) {
                ConversationTable.put(c, conversation);
            }
            return null;
        });
    }

    /** Pins or unpins a cached conversation; false when the cache does not list it. */
    public synchronized boolean setPinned(ConversationId conversation, boolean pinned) {
        return transaction(c -> ConversationTable.setFlag(c, conversation, "pinned", pinned));
    }

    /** Mutes or unmutes a cached conversation; false when the cache does not list it. */
    public synchronized boolean setMuted(ConversationId conversation, boolean muted) {
        return transaction(c -> ConversationTable.setFlag(c, conversation, "muted", muted));
    }

    /** Marks a cached conversation unread, or clears the mark (it was opened); false when the cache does not list it. */
    public synchronized boolean setMarkedUnread(ConversationId conversation, boolean marked) {
        return transaction(c -> ConversationTable.setFlag(c, conversation, "marked_unread", marked));
    }

    /** Forgets a conversation and its history (removed from the list). */
    public synchronized void removeConversation(ConversationId conversation) {
        transaction(c -> {
            ConversationTable.delete(c, conversation);
            MessageTable.delete(c, conversation);
            return null;
        });
    }

    /** The newest {@code limit} cached messages of {@code conversation}, newest first. */
    public synchronized List<ReceivedMessage> recentMessages(ConversationId conversation, int limit) {
        return run(c -> MessageTable.newest(c, conversation, limit));
    }

    /**
     * Up to {@code limit} cached messages of {@code conversation} older than message {@code messageId} (the oldest
     * one shown: a cursor), newest first; empty when there are none, or {@code messageId} is not cached.
     */
    public synchronized List<ReceivedMessage> olderThan(ConversationId conversation, String messageId, int limit) {
        return run(c -> MessageTable.olderThan(c, conversation, messageId, limit));
    }

    /**
     * Writes messages of any conversation (live, synced or from history), by server id: writing one again changes
     * nothing but what is newer. A recall stays, an edit stays unless the new copy is edited too, a state only moves
     * forwards ({@link MessageTable#merge}). Each conversation keeps its newest messages up to the limit; a listed
     * conversation gets the newest as its newest message.
     */
    public synchronized void putMessages(Collection<ReceivedMessage> messages) {
        transaction(c -> {
            Map<ConversationId, ReceivedMessage> newest = MessageTable.put(c, user, messages, historyLimit);
            for (var e : newest.entrySet()) {
                ConversationTable.offerLatest(c, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    /**
     * Applies a recall ({@link dev.parley.client.RecallEvent}): the message keeps only its type, in the history and
     * as a conversation's newest message. Whether the cache had it.
     */
    public synchronized boolean recall(String messageId) {
        return transaction(c -> {
            var cached = MessageTable.find(c, messageId);
            if (cached.isPresent()) {
                MessageTable.replace(c, cached.get().withRecall(), MessageTable.editTime(c, messageId));
            }
            return ConversationTable.changeLatest(c, messageId, ReceivedMessage::withRecall) || cached.isPresent();
        });
    }

    /**
     * Applies an edit ({@link dev.parley.client.EditEvent}) made at {@code editTime}: the message gets {@code text}
     * and the edited mark, unless it was recalled or a later edit is applied already. Whether it was applied.
     */
    public synchronized boolean edit(String messageId, String text, Instant editTime) {
        return transaction(c -> {
            var cached = MessageTable.find(c, messageId);
            if (cached.isPresent()) {
                if (cached.get().isRecalled() || MessageTable.editTime(c, messageId) > editTime.toEpochMilli()) {
                    return false;
                }
                MessageTable.replace(c, cached.get().withEdit(text), editTime.toEpochMilli());
            }
            boolean listed = ConversationTable.changeLatest(c, messageId,
                    m -> m.isRecalled() ? m : m.withEdit(text));
            return listed || cached.isPresent();
        });
    }

    /** The display names (nicknames) of users, as the server last gave them, by user ID (lowercase). */
    public synchronized Map<String, String> names() {
        return run(PeopleTable::all);
    }

    /** {@code user} (a user ID, in any case) is called {@code nickname}, as the server says now. */
    public synchronized void putName(String user, String nickname) {
        String id = user.strip().toLowerCase(Locale.ROOT);
        transaction(c -> {
            PeopleTable.put(c, id, nickname);
            return null;
        });
    }

    /** Adds a message to the end of the outbox (one with the same local id is replaced where it stands). */
    public synchronized void addToOutbox(OutboxMessage message) {
        transaction(c -> {
            OutboxTable.add(c, message);
            return null;
        });
    }

    /**
     * Adds {@code messages} to the end of the outbox in this order, in one transaction: all of them or none (an import
     * of an older app's outbox). One already there with its local id is replaced where it stands.
     */
    public synchronized void addAllToOutbox(List<OutboxMessage> messages) {
        transaction(c -> {
            for (OutboxMessage message : messages) {
                OutboxTable.add(c, message);
            }
            return null;
        });
    }

    /** Takes the message with {@code localId} out of the outbox (receipted, or given up); whether it was there. */
    public synchronized boolean removeFromOutbox(String localId) {
        return transaction(c -> OutboxTable.remove(c, localId));
    }

    /** The outbox, in the order the messages were added. */
    public synchronized List<OutboxMessage> outbox() {
        return run(OutboxTable::all);
    }

    /** Closes the database (at sign-out). Closing again does nothing. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "closing the local cache " + file, e);
            }
            connection = null;
        }
    }

    /** SQL work on the open connection. */
    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        return run(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    T result = work.apply(c);
                    statement.execute("COMMIT");
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException rollback) { // a damaged file: the first failure says why
                        e.addSuppressed(rollback);
                    }
                    throw e;
                }
            }
        });
    }

    /** Runs {@code work}; when the file turns out damaged, starts an empty cache and runs it there. */
    private <T> T run(Work<T> work) {
        if (connection == null) {
            throw new IllegalStateException("the local cache is closed");
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            if (!isDamaged(e)) {
                throw new CacheException("the local cache " + file + " failed: " + e.getMessage(), e);
            }
            close();
            startOver(e.getMessage());
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new CacheException("the local cache " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Opens the file, or moves it aside and opens an empty one when it is damaged or not this cache's. */
    private void connect() {
        try {
            connection = openConnection();
        } catch (SQLException e) {
            if (!isDamaged(e)) {
                throw new CacheException("cannot open the local cache " + file + ": " + e.getMessage(), e);
            }
            startOver(e.getMessage());
        } catch (CacheSchema.Unusable e) {
            startOver(e.getMessage());
        }
    }

    private void startOver(String why) {
        try {
            Path aside = CacheFiles.moveAside(file);
            LOG.log(Level.WARNING, "The local cache " + file + " could not be used (" + why + "): moved it to "
                    + aside.getFileName() + " and started an empty one");
            connection = openConnection();
        } catch (IOException | SQLException | CacheSchema.Unusable e) {
            throw new CacheException("cannot start a new local cache " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection openConnection() throws SQLException, CacheSchema.Unusable {
        synchronized (OPENING) {
            return openConnectionAlone();
        }
    }

    private Connection openConnectionAlone() throws SQLException, CacheSchema.Unusable {
        try {
            CacheFiles.prepare(file);
        } catch (IOException e) {
            throw new CacheException("cannot create the local cache " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // A cache: a commit survives the app crashing; the last ones may be lost if the machine loses power.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            CacheSchema.migrate(c, serverUrl, appKey, user);
            CacheFiles.ownerOnlyCompanions(file);
            return c;
        } catch (IOException e) {
            c.close();
            throw new CacheException("cannot protect the local cache " + file + ": " + e.getMessage(), e);
        } catch (SQLException | CacheSchema.Unusable | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static boolean isDamaged(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }
}
