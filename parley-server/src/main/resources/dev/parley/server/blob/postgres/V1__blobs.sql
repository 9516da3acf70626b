-- V1: the blob store in PostgreSQL (PostgresBlobStore). A row per blob, its bytes in chunks, its thumbnail.
-- The columns of blobs are those of the file store index, created in epoch milliseconds, so that both map a row
-- with the same code (BlobRows).
CREATE TABLE blobs (
    uuid           uuid    NOT NULL PRIMARY KEY,
    secret         text    NOT NULL,
    owner          text    NOT NULL,
    filename       text    NOT NULL,
    size           bigint  NOT NULL,
    mime           text    NOT NULL,
    width          integer NOT NULL,
    height         integer NOT NULL,
    thumbnail_mime text    NOT NULL,
    created        bigint  NOT NULL,
    referenced     boolean NOT NULL
);

-- The sweep of uploads no message refers to reads this index, oldest first.
CREATE INDEX blobs_unreferenced ON blobs (created) WHERE NOT referenced;

-- Chunk seq holds the bytes from seq * 262144: every chunk but the last holds exactly 262144 bytes.
-- The chunks are written before the row of their blob, in the same transaction: the key is checked at the commit.
CREATE TABLE blob_chunks (
    uuid  uuid    NOT NULL REFERENCES blobs (uuid) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    seq   integer NOT NULL,
    bytes bytea   NOT NULL,
    PRIMARY KEY (uuid, seq)
);

-- Out of line and not compressed: most uploads are compressed already (images, archives, video), and compressing
-- every chunk again would cost processor time for nothing.
ALTER TABLE blob_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE TABLE blob_thumbnails (
    uuid  uuid  NOT NULL PRIMARY KEY REFERENCES blobs (uuid) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    bytes bytea NOT NULL
);

ALTER TABLE blob_thumbnails ALTER COLUMN bytes SET STORAGE EXTERNAL;
