package dev.parley.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's receipt for a sent message: it is durably stored.
 *
 * @param localId  the id the message was sent with ({@link TextMessage#localId()})
 * @param serverId the server's id for the message; sending the same local id again yields the same server id
 * @param time     the server's time stamp for the message
 */
public record SendReceipt(String localId, String serverId, Instant time) {
    /** Checks that no component is null. */
    public SendReceipt {
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(time, "time");
    }
}
