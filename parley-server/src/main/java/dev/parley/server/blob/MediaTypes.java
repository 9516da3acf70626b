package dev.parley.server.blob;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The type a stored file is given when its bytes are not an image the server recognises: the client's declared type
 * when it is a plain {@code type/subtype}, but never an image type (only the bytes make an image) and never a type a
 * browser would run (HTML, XML, SVG, scripts): those are served as {@code application/octet-stream}, so that a file
 * opened from the API's origin cannot run script there.
 */
final class MediaTypes {
    static final String OCTET_STREAM = "application/octet-stream";

    private static final Pattern TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
    private static final Set<String> ACTIVE = Set.of("text/html", "text/xml", "application/xml", "text/xsl",
            "text/javascript", "application/javascript", "application/x-javascript", "text/ecmascript",
            "application/ecmascript", "application/x-shockwave-flash", "text/cache-manifest");

    private MediaTypes() {
    }

    /** The type to store for a file that is not a recognised image, declared as {@code declared}. */
    static String forFile(String declared) {
        int parameters = declared.indexOf(';');
        String type = (parameters < 0 ? declared : declared.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches() || type.startsWith("image/") || ACTIVE.contains(type)
                || type.endsWith("+xml")) {
            return OCTET_STREAM;
        }
        return type;
    }
}
