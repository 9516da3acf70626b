package dev.parley.server.session;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Recovery of what the bus lost, on one connection (called by {@link PendingRecovery}): the items still pending in the
 * store that the connection's {@link SentLedger} says it was never sent are queued to it, and the ledger forgets what
 * the client has acknowledged since.
 * <p>
 * Locking: under the {@link Connection}'s monitor, as everything else that reads its state or uses its ledger; the
 * frames queued are written after the monitor is released.
 */
final class ConnectionRecovery {
    private final Connection connection;
    private final SentLedger sent;

    ConnectionRecovery(Connection connection, SentLedger sent) {
        this.connection = connection;
        this.sent = sent;
    }

    /** Starts a recovery round of an open connection whose ledger is trusted; empty when recovery must skip it. */
    OptionalInt start() {
        synchronized (connection) {
            return connection.state == Connection.State.OPEN && sent.trusted() ? OptionalInt.of(sent.startRound())
                    : OptionalInt.empty();
        }
    }

    /**
     * Queues the items still pending in the store that this connection was never sent, then forgets the ids sent
     * before round {@code round} (up to {@code upTo}) that are no longer pending. Returns how many were queued.
     */
    int recover(int round, List<EncodedMessage> pending, long upTo) {
        int queued = 0;
        synchronized (connection) {
            if (connection.state != Connection.State.OPEN) {
                return 0;
            }
            Set<Long> ids = new HashSet<>();
            for (EncodedMessage m : pending) {
                ids.add(m.id());
                if (sent.admit(m.id())) {
                    connection.enqueue(m.frame());
                    connection.budget().messagePushed();
                    queued++;
                }
            }
            sent.forgetAcknowledged(round, upTo, ids);
        }
        connection.afterEnqueue();
        return queued;
    }
}
