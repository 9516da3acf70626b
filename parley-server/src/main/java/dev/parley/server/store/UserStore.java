package dev.parley.server.store;

import java.util.Optional;

/**
 * Who is registered: users and their profiles, apart from messages. Users are written through the same group commit as
 * messages ({@link Write.CreateUser}, {@link Write.UpdateProfile}), so that a registration is as durable as a receipt;
 * this interface is what reads them. Code that needs users only (accounts, sign-in, profiles) depends on it, not on
 * {@link MessageStore}.
 * <p>
 * Threading: any thread except a network selector thread (it blocks on disk).
 */
public interface UserStore {

    /** The user, if registered. */
    Optional<UserRecord> findUser(String username);
}
