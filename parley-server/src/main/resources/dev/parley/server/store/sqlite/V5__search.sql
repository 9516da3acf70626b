-- V5: full-text search over messages (docs/protocol.md, "Search").
-- A contentless FTS5 table with the trigram tokenizer: any substring of three characters or more is found through
-- the index, case-insensitively, in any script (Chinese, Japanese and Korean have no spaces between words). Its
-- rowid is the message id; it holds the text as it reads now (after an edit) and the file name of an img or file
-- message; a recalled message has no row. contentless_delete lets an edit, a recall and retention remove a row by id.
-- Messages are indexed behind the commits that store them (SqliteSearchIndex), in chunks: search_state.indexed_upto
-- is the id up to which they are; a search first brings the index up to date.
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram');

INSERT INTO messages_fts (rowid, body)
SELECT id, CASE WHEN edited_body <> '' THEN edited_body ELSE body END FROM messages
WHERE recalled = 0 AND msg_type = 'txt';

INSERT INTO messages_fts (rowid, body)
SELECT id, json_extract(content, '$.filename') FROM messages
WHERE recalled = 0 AND msg_type IN ('img', 'file');

CREATE TABLE search_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_upto INTEGER NOT NULL
);

INSERT INTO search_state (id, indexed_upto) SELECT 1, coalesce(max(id), 0) FROM messages;
