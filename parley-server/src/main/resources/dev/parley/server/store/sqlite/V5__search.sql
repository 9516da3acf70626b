-- V5: what full-text search needs in the message database (docs/protocol.md, "Search").
-- The index itself lives in its own file, search.db (SqliteSearchIndex), written by its own connection on its own
-- thread, so that indexing never holds up a commit. It follows the messages by id, and follows edits by edit_time:
-- this index finds the messages edited since a time.
CREATE INDEX messages_edited ON messages (edit_time) WHERE edit_time > 0;
