package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A blob's bytes read back from its chunks in PostgreSQL ({@link PostgresBlobStore}): chunk {@code seq} holds the
 * bytes from {@code seq × }{@value #CHUNK_BYTES}, and every chunk but the last is full. A chunk is fetched only when
 * reading reaches it, and only the one being read is held, so reading a blob of any size holds at most one chunk in
 * memory; skipping or seeking past a chunk never fetches it.
 * <p>
 * Threading: one reader at a time, like any stream.
 */
final class BlobChunks {
    /** The bytes of a full chunk: 256 KiB, a round trip per quarter megabyte and little memory per stream. */
    static final int CHUNK_BYTES = 256 * 1024;

    /** Fetches one chunk of a blob. */
    interface Fetch {
        /**
         * The bytes of chunk {@code seq}.
         *
         * @throws IOException when it cannot be read, or is not there (the blob was removed meanwhile)
         */
        byte[] chunk(int seq) throws IOException;
    }

    private final long size;
    private final Fetch fetch;
    private byte[] current = new byte[0];
    private int currentSeq = -1;

    private BlobChunks(long size, Fetch fetch) {
        this.size = size;
        this.fetch = fetch;
    }

    /** The {@code size} bytes {@code fetch} gives, as a stream from the first. */
    static InputStream stream(long size, Fetch fetch) {
        return new Stream(new BlobChunks(size, fetch));
    }

    /** The {@code size} bytes {@code fetch} gives, for the header reader and the decoders; each stream its own. */
    static ImageSource source(long size, Fetch fetch) {
        return new ImageSource() {
            @Override
            public InputStream open() {
                return stream(size, fetch);
            }

            @Override
            public ImageInputStream openImage() {
                return new Image(new BlobChunks(size, fetch));
            }
        };
    }

    /** Copies up to {@code length} bytes from {@code position} (within one chunk); -1 at the end. */
    private int read(long position, byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (position >= size) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int from = load(position);
        int n = Math.min(length, current.length - from);
        System.arraycopy(current, from, bytes, offset, n);
        return n;
    }

    /** The byte at {@code position}; -1 at the end. */
    private int read(long position) throws IOException {
        return position >= size ? -1 : current[load(position)] & 0xFF;
    }

    /** Holds the chunk that {@code position} (before the end) is in, fetched if need be; returns the offset in it. */
    private int load(long position) throws IOException {
        int seq = Math.toIntExact(position / CHUNK_BYTES);
        long start = (long) seq * CHUNK_BYTES;
        if (seq != currentSeq) {
            byte[] chunk = fetch.chunk(seq);
            long expected = Math.min(CHUNK_BYTES, size - start);
            if (chunk.length != expected) {
                throw new IOException("chunk " + seq + " holds " + chunk.length + " bytes, not " + expected);
            }
            current = chunk;
            currentSeq = seq;
        }
        return (int) (position - start);
    }

    /** Lets the chunk held go. */
    private void release() {
        current = new byte[0];
        currentSeq = -1;
    }

    private static final class Stream extends InputStream {
        private final BlobChunks chunks;
        private long position;
        private boolean closed;

        Stream(BlobChunks chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            requireOpen();
            int b = chunks.read(position);
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            requireOpen();
            int n = chunks.read(position, bytes, offset, length);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        private void requireOpen() throws IOException {
            if (closed) {
                throw new IOException("the stream is closed");
            }
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, chunks.size - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            long start = (long) chunks.currentSeq * CHUNK_BYTES;
            boolean inCurrent = chunks.currentSeq >= 0 && position >= start && position < start + chunks.current.length;
            return inCurrent ? (int) (start + chunks.current.length - position) : 0;
        }

        @Override
        public void close() {
            closed = true;
            chunks.release();
        }
    }

    /** What the {@code javax.imageio} decoders read: seeks only move the position. */
    private static final class Image extends ImageInputStreamImpl {
        private final BlobChunks chunks;

        Image(BlobChunks chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            checkClosed();
            bitOffset = 0;
            int b = chunks.read(streamPos);
            if (b >= 0) {
                streamPos++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            checkClosed();
            bitOffset = 0;
            int n = chunks.read(streamPos, bytes, offset, length);
            if (n > 0) {
                streamPos += n;
            }
            return n;
        }

        @Override
        public long length() {
            return chunks.size;
        }

        @Override
        public void close() throws IOException {
            super.close();
            chunks.release();
        }
    }
}
