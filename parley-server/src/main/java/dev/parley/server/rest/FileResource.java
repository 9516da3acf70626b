package dev.parley.server.rest;

import dev.parley.server.blob.Blob;
import dev.parley.server.blob.BlobContent;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.blob.NewBlob;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * Chat files (PROTOCOL.md v2): {@code POST …/chatfiles} streams the multipart part {@code file} into the blob store
 * (at most the upload limit: 413 past it, nothing kept) and answers its uuid and share secret;
 * {@code GET …/chatfiles/{uuid}} with the header {@code share-secret} streams the bytes back ({@code ?thumbnail=true}:
 * an image's thumbnail), 401 for a wrong secret, 404 for an unknown file. Files are sent with
 * {@code X-Content-Type-Options: nosniff}, images inline and anything else as an attachment, so that no browser runs
 * what a user uploaded.
 * <p>
 * Runs on the upload executor (POST) and the REST executor (GET); both block on the disk.
 */
@Path("{org}/{app}/chatfiles")
public final class FileResource {
    private static final JsonProvider JSON = JsonBodies.JSON;

    private final BlobStore blobs;
    private final BearerAuth auth;
    private final long maxUpload;

    FileResource(BlobStore blobs, BearerAuth auth, long maxUpload) {
        this.blobs = blobs;
        this.auth = auth;
        this.maxUpload = maxUpload;
    }

    @POST
    public Response upload(@HeaderParam("Authorization") String authorization, @Context ContainerRequest request) {
        String owner = auth.user(authorization);
        Blob blob = Uploads.receive(request, (content, filename, type) ->
                blobs.store(new NewBlob(owner, filename.isEmpty() ? "file" : filename, type), content, maxUpload));
        return Answers.json(JSON.createObjectBuilder().add("entities", JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder()
                        .add("uuid", blob.uuid())
                        .add("type", "chatfile")
                        .add("share-secret", blob.secret())
                        .add("filename", blob.filename())
                        .add("size", blob.size())
                        .add("mime", blob.mime())
                        .add("width", blob.width())
                        .add("height", blob.height())))
                .build());
    }

    @GET
    @Path("{uuid}")
    public Response download(@PathParam("uuid") String uuid, @HeaderParam("share-secret") String secret,
                             @QueryParam("thumbnail") String thumbnail) {
        if (secret == null || secret.isEmpty()) {
            throw new HttpError(401, "unauthorized", "the share-secret header is required");
        }
        if (!Blob.isUuid(uuid)) {
            throw new HttpError(404, "service_resource_not_found", "no such file");
        }
        BlobContent content = "true".equalsIgnoreCase(thumbnail)
                ? blobs.openThumbnail(uuid, secret).orElseThrow(() -> new HttpError(404,
                        "service_resource_not_found", "this file has no thumbnail"))
                : blobs.open(uuid, secret);
        return stream(content);
    }

    /** The content as an answer that streams it (and closes it), never whole in memory. */
    static Response stream(BlobContent content) {
        StreamingOutput body = out -> {
            try (content) {
                content.stream().transferTo(out);
            }
        };
        boolean image = content.mime().startsWith("image/");
        String name = content.filename().isEmpty() ? "file" : content.filename();
        return Response.ok(body, content.mime())
                .header("Content-Length", content.size())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", (image ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }
}
