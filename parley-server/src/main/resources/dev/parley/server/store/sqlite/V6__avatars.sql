-- V6: a user's avatar: the uuid of an uploaded image in the blob store ('' for none).
ALTER TABLE users ADD COLUMN avatar TEXT NOT NULL DEFAULT '';
