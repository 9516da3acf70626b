-- V1: the whole schema of protocol version 2 (the SQLite store's V1 to V6, in PostgreSQL's types).
-- PostgresMigrations runs each script in one transaction, as one multi-statement string, under an advisory lock.
-- Columns keep SQLite's names and codes (0/1 integers, epoch milliseconds), so that the SQL in SqlTransaction,
-- SqlGroups, SqlChanges, SqlEvents, SqlReads and SqlRetention serves both stores.

-- Trigram indexes for search: substrings in any script, Chinese included (a trusted extension since PostgreSQL 13:
-- the database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One sequence for the ids of messages and events, so that a user's inbox orders them as they happened. Several
-- nodes take ids from it at once: ids are unique and never reused (retention does not lower it), but transactions of
-- different nodes do not commit in id order.
CREATE SEQUENCE item_ids AS BIGINT;

CREATE TABLE users (
    username      TEXT   NOT NULL PRIMARY KEY,
    nickname      TEXT   NOT NULL,
    password_hash TEXT   NOT NULL,
    created       BIGINT NOT NULL,
    -- the uuid of the avatar's upload in the blob store ('' for none)
    avatar        TEXT   NOT NULL DEFAULT ''
);

-- conv: the two user ids sorted and joined with U+001F, or '#' and the group id (see ConversationKey).
-- recipient: the message's `to`: the peer's user id or the group id.
-- state: 2 once a one-to-one message was marked read by itself (its receipt went out); pending is the inbox's.
-- content: the file of an img/file message or the event and fields of a custom one, as JSON ('' for txt).
-- edited_body: the text after the last edit ('' when never edited); body keeps the text as sent.
-- recalled: 1 once the sender took it back; body, edited_body and content are emptied then.
CREATE TABLE messages (
    id          BIGINT  NOT NULL PRIMARY KEY DEFAULT nextval('item_ids'),
    conv        TEXT    NOT NULL,
    seq         BIGINT  NOT NULL,
    sender      TEXT    NOT NULL,
    local_id    TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    ext         TEXT    NOT NULL,
    time        BIGINT  NOT NULL,
    state       INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
    chat_type   INTEGER NOT NULL DEFAULT 0,
    msg_type    TEXT    NOT NULL DEFAULT 'txt',
    content     TEXT    NOT NULL DEFAULT '',
    edited_body TEXT    NOT NULL DEFAULT '',
    edit_time   BIGINT  NOT NULL DEFAULT 0,
    recalled    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (sender, local_id),
    -- history pages of a conversation, newest first; a conversation's ids rise with its numbers
    UNIQUE (conv, seq)
);

ALTER SEQUENCE item_ids OWNED BY messages.id;

-- Retention: messages stored before a cutoff, oldest first (SqlRetention's chunks).
CREATE INDEX messages_time ON messages (time, id);

-- Search: the text a message is found by, lower case (PostgresDialect.SEARCH_TEXT; the expression must stay the same
-- as the one the search's LIKEs are written on, or the planner does not use the index).
CREATE INDEX messages_text ON messages USING gin (lower(CASE
    WHEN msg_type IN ('img', 'file') AND content <> '' THEN content::jsonb ->> 'filename'
    WHEN edited_body <> '' THEN edited_body ELSE body END) gin_trgm_ops);

-- One row per conversation: last_seq keeps counting after retention removed every message, so a sequence number is
-- never reused; last_id is the id of the newest message. An append locks its conversation's row, so appends to one
-- conversation take their numbers (and ids) one after the other, whichever node makes them.
-- user_a and user_b are SQLite's (its V2) and stay '' there as here: one INSERT serves both stores.
CREATE TABLE conversations (
    conv     TEXT   NOT NULL PRIMARY KEY,
    user_a   TEXT   NOT NULL DEFAULT '',
    user_b   TEXT   NOT NULL DEFAULT '',
    last_seq BIGINT NOT NULL,
    last_id  BIGINT NOT NULL
);

-- The members of each conversation (both users of a one-to-one conversation) with their state: read_seq, the
-- sequence number up to which the member has read (it moves forward, never back); unread, the other members'
-- messages after it; role 0 member, 1 admin, 2 owner (groups); joined_seq, the member sees the messages after it.
CREATE TABLE members (
    conv       TEXT    NOT NULL,
    member     TEXT    NOT NULL,
    role       INTEGER NOT NULL DEFAULT 0,
    joined_seq BIGINT  NOT NULL DEFAULT 0,
    read_seq   BIGINT  NOT NULL DEFAULT 0,
    unread     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conv, member)
);

CREATE INDEX members_by_member ON members (member);

-- What each user has not yet acknowledged, in the order it happened: one-to-one messages (kind 0), events (kind 1)
-- and group messages (kind 2), by id.
CREATE TABLE inbox (
    recipient TEXT    NOT NULL,
    id        BIGINT  NOT NULL,
    kind      INTEGER NOT NULL,
    PRIMARY KEY (recipient, id)
);

-- Retention removes the entries of the messages and events it deletes.
CREATE INDEX inbox_by_id ON inbox (id);

-- Events kept for members who were offline: recalled (kind 1), edited (2), groupEvent (3), channelAck (4).
-- message_id: the message a recall or edit is about (0 otherwise). payload: the event's frame as JSON.
CREATE TABLE events (
    id         BIGINT  NOT NULL PRIMARY KEY,
    conv       TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    message_id BIGINT  NOT NULL DEFAULT 0,
    actor      TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    time       BIGINT  NOT NULL
);

-- Not partial (as SQLite's is): PostgreSQL would not use a partial index for retention's message_id IN (…).
CREATE INDEX events_by_message ON events (message_id);

CREATE INDEX events_time ON events (time);

-- Groups; the id is the group id of the protocol (a decimal string there). destroyed: 1 once the owner destroyed it.
CREATE TABLE groups (
    id          BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    max_users   INTEGER NOT NULL,
    created     BIGINT  NOT NULL,
    destroyed   INTEGER NOT NULL DEFAULT 0
);
