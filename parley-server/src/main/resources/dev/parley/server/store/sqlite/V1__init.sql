-- V1: users and messages.
-- Rules for migration scripts (SqliteMigrations splits them itself): one statement per ';' at the end of a line,
-- comments only on lines of their own starting with '--'. Each script runs in one transaction.

CREATE TABLE users (
    username      TEXT    NOT NULL PRIMARY KEY,
    nickname      TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created       INTEGER NOT NULL
);

-- id: AUTOINCREMENT so that an id is never handed out twice, even after retention deleted the newest rows.
-- conv: the two user ids sorted and joined with U+001F (which user ids never contain).
-- state: 0 pending, 1 delivered, 2 read; it only moves forward.
CREATE TABLE messages (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    conv      TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    sender    TEXT    NOT NULL,
    local_id  TEXT    NOT NULL,
    recipient TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    ext       TEXT    NOT NULL,
    time      INTEGER NOT NULL,
    state     INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
    UNIQUE (sender, local_id),
    UNIQUE (conv, seq)
);

-- Pending messages of a recipient, oldest first; also unread counts (state < 2).
CREATE INDEX messages_pending ON messages (recipient, state, id);

-- History pages of a conversation, newest first, before an id.
CREATE INDEX messages_history ON messages (conv, id);

-- Retention: messages stored before a cutoff.
CREATE INDEX messages_time ON messages (time);
