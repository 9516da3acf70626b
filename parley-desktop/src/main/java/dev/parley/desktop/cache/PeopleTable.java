package dev.parley.desktop.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code people} table of the {@link LocalCache}: the display names (nicknames) the server gave for user IDs, so
 * that a start without the server names the senders of group previews as the last run did (a group's sender has no
 * row of their own whose name the list keeps). Statements only; the caller holds the transaction. Threading: the
 * caller's.
 */
final class PeopleTable {
    private PeopleTable() {
    }

    /** {@code user} is called {@code nickname} (a later name replaces an earlier one). */
    static void put(Connection c, String user, String nickname) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO people (user, nickname) VALUES (?, ?)
                ON CONFLICT (user) DO UPDATE SET nickname = excluded.nickname""")) {
            upsert.setString(1, user);
            upsert.setString(2, nickname);
            upsert.executeUpdate();
        }
    }

    /** Every user's name, by user ID. */
    static Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT user, nickname FROM people");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.put(rows.getString(1), rows.getString(2));
            }
        }
        return names;
    }
}
