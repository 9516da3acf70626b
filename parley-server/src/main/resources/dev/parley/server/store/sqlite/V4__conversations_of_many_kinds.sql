-- V4: protocol version 2 (see docs/protocol.md). Conversations of many kinds, content of many kinds, state per
-- recipient.
-- A conversation key (messages.conv, conversations.conv) is the two user ids joined with U+001F for a one-to-one
-- conversation, as before, or '#' and the group id for a group ('#' is not a user id character, so the two never meet).
-- messages.recipient is the message's `to`: the peer's user id or the group id.

ALTER TABLE messages ADD COLUMN chat_type INTEGER NOT NULL DEFAULT 0;

ALTER TABLE messages ADD COLUMN msg_type TEXT NOT NULL DEFAULT 'txt';

-- content: the file of an img/file message or the event and fields of a custom one, as JSON ('' for txt).
ALTER TABLE messages ADD COLUMN content TEXT NOT NULL DEFAULT '';

-- edited_body: the text after the last edit ('' when never edited); body keeps the text as sent.
ALTER TABLE messages ADD COLUMN edited_body TEXT NOT NULL DEFAULT '';

ALTER TABLE messages ADD COLUMN edit_time INTEGER NOT NULL DEFAULT 0;

-- recalled: 1 once the sender took it back; its body, edited_body and content are emptied then.
ALTER TABLE messages ADD COLUMN recalled INTEGER NOT NULL DEFAULT 0;

-- The members of each conversation (both users of a one-to-one conversation), with their read state: read_seq is
-- the sequence number up to which the member has read (a read mark or a channelAck moves it forward, never back),
-- unread the number of other members' messages after it. role: 0 member, 1 admin, 2 owner (groups only).
-- joined_seq: the member sees the conversation's messages after it.
CREATE TABLE members (
    conv       TEXT    NOT NULL,
    member     TEXT    NOT NULL,
    role       INTEGER NOT NULL DEFAULT 0,
    joined_seq INTEGER NOT NULL DEFAULT 0,
    read_seq   INTEGER NOT NULL DEFAULT 0,
    unread     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conv, member)
) WITHOUT ROWID;

CREATE INDEX members_by_member ON members (member);

INSERT INTO members (conv, member, read_seq, unread)
SELECT conv, user_a,
       coalesce((SELECT max(seq) FROM messages m WHERE m.conv = c.conv AND m.recipient = c.user_a AND m.state = 2), 0),
       unread_a
FROM conversations c;

INSERT OR IGNORE INTO members (conv, member, read_seq, unread)
SELECT conv, user_b,
       coalesce((SELECT max(seq) FROM messages m WHERE m.conv = c.conv AND m.recipient = c.user_b AND m.state = 2), 0),
       unread_b
FROM conversations c;

-- What each user has not yet acknowledged, in the order it happened: one-to-one messages (kind 0), events (kind 1)
-- and group messages (kind 2), by id.
-- A message and its events share one id sequence (sqlite_sequence of messages), so that ids order them.
-- This replaces messages.state = 0 and its index; messages.state is no longer written.
CREATE TABLE inbox (
    recipient TEXT    NOT NULL,
    id        INTEGER NOT NULL,
    kind      INTEGER NOT NULL,
    PRIMARY KEY (recipient, id)
) WITHOUT ROWID;

INSERT INTO inbox (recipient, id, kind) SELECT recipient, id, 0 FROM messages WHERE state = 0;

DROP INDEX messages_pending;

-- The unread counts and user columns of conversations moved to members.
DROP INDEX conversations_by_user_a;

DROP INDEX conversations_by_user_b;

-- Events that are kept for members who were offline: recalled (kind 1), edited (2), groupEvent (3), channelAck (4).
-- message_id: the message a recall or edit is about (0 otherwise). payload: the event's own fields as JSON.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    conv       TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    message_id INTEGER NOT NULL DEFAULT 0,
    actor      TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    time       INTEGER NOT NULL
);

CREATE INDEX events_by_message ON events (message_id) WHERE message_id <> 0;

CREATE INDEX events_time ON events (time);

-- Groups; the id is the group id of the protocol (a decimal string there). destroyed: 1 once the owner destroyed it.
CREATE TABLE groups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    max_users   INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    destroyed   INTEGER NOT NULL DEFAULT 0
);
