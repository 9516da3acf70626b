-- V3: fewer index pages written per message (see docs/benchmarks.md).
-- Unread counts move into the conversation row, which every append rewrites anyway (unread_a: messages to user_a
-- not yet read; unread_b: to user_b; a conversation with oneself counts in unread_a). Marking read decrements them.
-- The pending index keeps only pending rows (a delivered mark removes its entry instead of moving it), and history
-- pages read the (conv, seq) index, so the (conv, id) index, which held the same order, goes.

ALTER TABLE conversations ADD COLUMN unread_a INTEGER NOT NULL DEFAULT 0;

ALTER TABLE conversations ADD COLUMN unread_b INTEGER NOT NULL DEFAULT 0;

UPDATE conversations SET
    unread_a = (SELECT count(*) FROM messages m
                WHERE m.conv = conversations.conv AND m.recipient = conversations.user_a AND m.state < 2),
    unread_b = (SELECT count(*) FROM messages m
                WHERE m.conv = conversations.conv AND m.recipient = conversations.user_b AND m.state < 2
                  AND conversations.user_a <> conversations.user_b);

DROP INDEX messages_pending;

CREATE INDEX messages_pending ON messages (recipient, id) WHERE state = 0;

DROP INDEX messages_history;
