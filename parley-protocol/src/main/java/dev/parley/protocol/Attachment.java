package dev.parley.protocol;

/**
 * The file of an {@code img} or {@code file} message: an upload ({@code uuid}, {@code secret}) and what the sender
 * said about it. {@code url} and {@code thumbnailUrl} are set by the server on the messages it sends ({@code ""} in a
 * send, and {@code thumbnailUrl} stays {@code ""} when the server could not make one); {@code width} and
 * {@code height} are 0 when unknown. No component is {@code null}.
 */
public record Attachment(String uuid, String secret, String filename, long size, String mime, int width, int height,
                         String url, String thumbnailUrl) {
    public Attachment {
        uuid = Fields.required("file.uuid", uuid);
        secret = Fields.required("file.secret", secret);
        filename = filename == null ? "" : filename;
        mime = mime == null ? "" : mime;
        url = url == null ? "" : url;
        thumbnailUrl = thumbnailUrl == null ? "" : thumbnailUrl;
        if (size < 0 || width < 0 || height < 0) {
            throw new FrameException(ErrorCode.BAD_FRAME, "file size and dimensions cannot be negative");
        }
    }

    /** What a sender puts in a send: the upload and its description, no addresses. */
    public static Attachment of(String uuid, String secret, String filename, long size, String mime) {
        return new Attachment(uuid, secret, filename, size, mime, 0, 0, "", "");
    }

    /** This attachment with the addresses the server gives it. */
    public Attachment withUrls(String url, String thumbnailUrl) {
        return new Attachment(uuid, secret, filename, size, mime, width, height, url, thumbnailUrl);
    }

    /** This attachment with the dimensions the server found. */
    public Attachment withSize(int width, int height) {
        return new Attachment(uuid, secret, filename, size, mime, width, height, url, thumbnailUrl);
    }

    @Override
    public String toString() { // the secret opens the file: never print it
        return "Attachment[uuid=" + uuid + ", filename=" + filename + ", size=" + size + ", mime=" + mime + "]";
    }
}
