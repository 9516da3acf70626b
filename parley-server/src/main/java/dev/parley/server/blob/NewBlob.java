package dev.parley.server.blob;

import dev.parley.server.UserIds;
import java.util.Objects;

/**
 * What the client says about an upload, before its bytes are read.
 *
 * @param owner        the signed-in user uploading it (a canonical user id)
 * @param filename     the client's file name, sanitised here: only its last path component, in NFC, without control,
 *                     line-separator or text-direction characters, with {@code < > : " | ? *} replaced by {@code _},
 *                     trailing dots and spaces removed, at most 255 UTF-8 bytes (the extension kept when it is cut),
 *                     {@code file} when nothing is left
 * @param declaredMime the {@code Content-Type} the client gave the part, as given (may be empty); the store trusts it
 *                     only for what it cannot recognise, and never for an image ({@link Blob#mime()})
 */
public record NewBlob(String owner, String filename, String declaredMime) {

    public NewBlob {
        Objects.requireNonNull(owner, "owner");
        if (!UserIds.normalize(owner).map(owner::equals).orElse(false)) {
            throw new IllegalArgumentException("the owner must be a canonical user id");
        }
        filename = FileNames.sanitize(Objects.requireNonNull(filename, "filename"));
        Objects.requireNonNull(declaredMime, "declaredMime");
    }
}
