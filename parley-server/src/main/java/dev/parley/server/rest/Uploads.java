package dev.parley.server.rest;

import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.glassfish.jersey.server.ContainerRequest;
import org.jvnet.mimepull.MIMEConfig;
import org.jvnet.mimepull.MIMEMessage;
import org.jvnet.mimepull.MIMEParsingException;
import org.jvnet.mimepull.MIMEPart;

/**
 * Receives the part {@code file} of a {@code multipart/form-data} request body as a stream and stores it in a
 * directory, for the endpoints that take uploads (chat files, avatars). The body is parsed by mimepull as it is read
 * (its pull parser, each part read once, nothing kept in memory beyond the chunk at hand and nothing spilled to
 * temporary files), so an upload is never whole in memory. Past {@code limit} bytes of the file it is refused with 413
 * at once, and the partial file is deleted; so it is on any other failure. Parts other than {@code file} are read and
 * dropped; what follows the file part is read to the end, so that the connection can serve another request.
 * <p>
 * The request reaches the resource with its body still on the wire ({@link RestApi} streams {@code multipart/*}
 * bodies on the upload pool, within its own cap): call {@link #save} from the resource method.
 * <p>
 * Threading: stateless; {@link #save} blocks its thread while the body arrives.
 */
final class Uploads {
    /** The name of the form field that carries the file. */
    static final String FILE_PART = "file";

    private final Path dir;
    private final long limit;

    /**
     * @param dir   where received files are stored, each under a new random name
     * @param limit the largest file accepted, in bytes
     */
    Uploads(Path dir, long limit) {
        this.dir = dir;
        this.limit = limit;
    }

    /**
     * A received file.
     *
     * @param file        where it was stored (the caller owns it now)
     * @param filename    the name the client gave it, or ""
     * @param contentType the type the client gave it, or {@code application/octet-stream}
     * @param size        its length in bytes
     */
    record Upload(Path file, String filename, String contentType, long size) {
    }

    /** Takes the file part's content as it arrives (it must read it to its end, or fail). */
    @FunctionalInterface
    interface Receiver<T> {
        T receive(InputStream content, String filename, String contentType) throws IOException;
    }

    /**
     * Stores the {@code file} part of {@code request}'s multipart body in the directory.
     *
     * @throws HttpError 400 when the body is not multipart/form-data or has no {@code file} part, 413 when the file
     *                   is over the limit; nothing is left behind then
     */
    Upload save(ContainerRequest request) {
        return receive(request, this::store);
    }

    /**
     * Hands the {@code file} part of {@code request}'s multipart body to {@code receiver} as it arrives (the receiver
     * enforces its own size limit), then reads the rest of the body.
     *
     * @throws HttpError 400 when the body is not multipart/form-data or has no {@code file} part
     */
    static <T> T receive(ContainerRequest request, Receiver<T> receiver) {
        MediaType type = Optional.ofNullable(request.getMediaType()).orElse(MediaType.WILDCARD_TYPE);
        String boundary = type.getParameters().get("boundary");
        if (!type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || boundary == null || boundary.isEmpty()) {
            throw new HttpError(400, "illegal_argument", "the body must be multipart/form-data with a boundary");
        }
        InputStream body = request.getEntityStream();
        MIMEConfig config = new MIMEConfig();
        config.setMemoryThreshold(-1L); // never a temporary file: each part is read once, as it is parsed
        MIMEMessage message = new MIMEMessage(body, boundary, config);
        try {
            for (int i = 0; ; i++) {
                MIMEPart part = message.getPart(i);
                Disposition disposition = Disposition.of(part.getHeader("Content-Disposition"));
                try (InputStream content = part.readOnce()) {
                    if (disposition.name().equals(FILE_PART)) {
                        T received = receiver.receive(content, disposition.filename(),
                                Optional.ofNullable(part.getContentType()).orElse("application/octet-stream"));
                        drain(body);
                        return received;
                    }
                    content.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (MIMEParsingException | IllegalStateException e) {
            // mimepull's way of saying the body ended, or is not multipart, before a file part was complete
            throw new HttpError(400, "illegal_argument", "a multipart body with a complete part named " + FILE_PART
                    + " is expected");
        } catch (IOException e) {
            throw new UncheckedIOException("upload not stored: " + e.getMessage(), e);
        }
    }

    /** Copies the part into a new file of the directory; the file is deleted unless all of it was stored. */
    private Upload store(InputStream content, String filename, String contentType) throws IOException {
        Path file = dir.resolve(UUID.randomUUID().toString());
        boolean stored = false;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[16 * 1024];
            long size = 0;
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                size += n;
                if (size > limit) {
                    throw HttpError.tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            stored = true;
            return new Upload(file, filename, contentType, size);
        } finally {
            if (!stored) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Reads what is left of the body (the closing boundary, an epilogue), so that the connection can go on. */
    private static void drain(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }

    /** The parts of a {@code Content-Disposition: form-data; name="…"; filename="…"} header that matter here. */
    record Disposition(String name, String filename) {
        static Disposition of(List<String> headers) {
            String name = "";
            String filename = "";
            if (headers != null && !headers.isEmpty()) {
                for (String param : split(headers.getFirst())) {
                    int eq = param.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(param.substring(eq + 1).trim());
                    if (key.equals("name")) {
                        name = value;
                    } else if (key.equals("filename")) {
                        filename = value;
                    }
                }
            }
            return new Disposition(name, filename);
        }

        /** Splits at semicolons outside quotes. */
        private static List<String> split(String header) {
            List<String> parts = new java.util.ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
                    quoted = !quoted;
                }
                if (c == ';' && !quoted) {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            parts.add(current.toString());
            return parts;
        }

        private static String unquote(String value) {
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            return value;
        }
    }
}
