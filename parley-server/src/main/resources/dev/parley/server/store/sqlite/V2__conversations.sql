-- V2: one row per conversation, kept by the writer with each append.
-- The conversation list reads it instead of grouping all messages of a user, and last_seq keeps counting after
-- retention removed every message of a conversation, so a sequence number is never reused.
-- user_a <= user_b are the two user ids of conv; last_id is the id of the newest message.
-- The indexes leave out last_seq and last_id on purpose: an append then rewrites only its conversation's row, and
-- the list sorts a user's conversations (hundreds, not millions) by last_id when it is read.

CREATE TABLE conversations (
    conv     TEXT    NOT NULL PRIMARY KEY,
    user_a   TEXT    NOT NULL,
    user_b   TEXT    NOT NULL,
    last_seq INTEGER NOT NULL,
    last_id  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX conversations_by_user_a ON conversations (user_a);

CREATE INDEX conversations_by_user_b ON conversations (user_b);

-- Backfill from the messages a V1 database already holds.
INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id)
SELECT conv, min(sender, recipient), max(sender, recipient), max(seq), max(id)
FROM messages
GROUP BY conv;
