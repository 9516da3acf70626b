package dev.parley.server.session;

import dev.parley.protocol.Frame;
import java.util.List;

/**
 * The sign-in sync's steps on one connection, called by {@link SignInSync} one step at a time: {@link #range} sends
 * {@code syncStart}, {@link #page} queues the backlog page by page, and {@link #finish} sends {@code syncEnd} and what
 * was held back meanwhile, and opens the connection.
 * <p>
 * Locking: every step runs under the {@link Connection}'s monitor, as everything else that reads or changes its state
 * or its {@link SyncWindow} (a live message held back or dropped as covered); frames are encoded before the monitor is
 * taken and written after it is released, as the connection does for its own frames.
 */
final class ConnectionSync {
    /** What {@link #finish} did. */
    enum End { FINISHED, EXTEND, CLOSED }

    private final Connection connection;
    private final SyncWindow window;

    ConnectionSync(Connection connection, SyncWindow window) {
        this.connection = connection;
        this.window = window;
    }

    /**
     * The sync covers the messages to this user with ids up to {@code upTo}: {@code syncStart} goes out, and live
     * messages to the user held back so far that the sync covers are dropped. False when the connection is closed.
     */
    boolean range(long upTo, int count) {
        Outbound.Encoded start = connection.encode(new Frame.SyncStart(count));
        synchronized (connection) {
            if (connection.state != Connection.State.SYNCING) {
                return false;
            }
            window.coverUpTo(upTo, connection.user);
            connection.enqueue(start);
        }
        connection.afterEnqueue();
        return true;
    }

    /** The id up to which the sync reads. */
    long upTo() {
        synchronized (connection) {
            return window.upTo();
        }
    }

    /**
     * Queues one page of the backlog, oldest first, merging in by id the held-back copies the sync does not cover.
     * False when the connection is closed (also when this page made it a client that does not read).
     */
    boolean page(List<EncodedMessage> page) {
        synchronized (connection) {
            if (connection.state != Connection.State.SYNCING) {
                return false;
            }
            for (EncodedMessage m : page) {
                for (EncodedMessage copy : window.takeBefore(m.id(), connection.user)) {
                    connection.enqueueMessage(copy);
                }
                connection.enqueueMessage(m);
                if (connection.state != Connection.State.SYNCING) {
                    break;
                }
            }
        }
        connection.afterEnqueue();
        return connection.state() == Connection.State.SYNCING;
    }

    /**
     * Ends the sync: {@code syncEnd}, then what was held back, and the connection is open. {@link End#EXTEND} instead
     * when held-back messages to the user were dropped (over the bound): the sync must first read on to
     * {@link #extend}'s new end.
     */
    End finish() {
        Outbound.Encoded end = connection.encode(new Frame.SyncEnd());
        synchronized (connection) {
            if (connection.state != Connection.State.SYNCING) {
                return End.CLOSED;
            }
            if (window.takeExtend()) {
                return End.EXTEND;
            }
            connection.enqueue(end);
            for (EncodedMessage h : window.takeAll(connection.user)) {
                connection.enqueueMessage(h);
            }
            if (connection.state == Connection.State.SYNCING) {
                connection.state = Connection.State.OPEN;
            }
        }
        connection.afterEnqueue();
        return connection.state() == Connection.State.OPEN ? End.FINISHED : End.CLOSED;
    }

    /** Widens the sync to the messages up to {@code upTo} (after {@link End#EXTEND}). */
    void extend(long upTo) {
        synchronized (connection) {
            if (connection.state == Connection.State.SYNCING) {
                window.coverUpTo(upTo, connection.user);
            }
        }
    }
}
