package dev.parley.server.cli;

import dev.parley.protocol.token.AccessToken2;
import dev.parley.server.App;
import dev.parley.server.ServerConfig;
import dev.parley.server.account.AccountException;
import dev.parley.server.account.Accounts;
import dev.parley.server.store.DataDirectory;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.Stores;
import java.time.Clock;
import java.time.Duration;

/**
 * The data dir and store opened without a listener, for the admin commands: the SQLite file (safe while a server runs
 * on it: WAL), or a cluster's PostgreSQL database (with a pool of two connections). The memory store lives inside its
 * server only: users are registered there over REST.
 */
final class DataDirAccess implements AutoCloseable {
    private final App app;
    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final Accounts accounts;

    private DataDirAccess(ServerConfig config) {
        DataDirectory.secure(config.dataDir());
        this.app = App.loadOrCreate(config);
        this.store = switch (config.store()) {
            case SQLITE -> Stores.openSqlite(config.dataDir(), Clock.systemUTC());
            case POSTGRES -> Stores.openPostgres(new ServerConfig.Database(config.database().url(),
                    config.database().user(), config.database().password(), 2).settings(), Clock.systemUTC());
            case MEMORY -> throw new IllegalArgumentException("--store memory lives inside its server: register"
                    + " users there over REST");
        };
        this.writer = new GroupCommitWriter(store, 64, "parley-cli-writer");
        // one command, one hash: it runs in the caller's thread
        this.accounts = new Accounts(app, store, writer, Clock.systemUTC(), Duration.ofHours(24), Runnable::run);
    }

    static DataDirAccess open(CommonOptions common) {
        return new DataDirAccess(common.apply(ServerConfig.builder()).build());
    }

    String userToken(String user, Duration ttl) {
        return AccessToken2.buildUserToken(app.credentials(), accounts.ensureUser(user), ttl, Clock.systemUTC());
    }

    boolean register(String user, String password, String nickname, boolean ifAbsent) {
        try {
            Accounts.await(accounts.register(user, password, nickname));
            return true;
        } catch (AccountException e) {
            if (ifAbsent && e.kind() == AccountException.Kind.DUPLICATE) {
                return false;
            }
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
