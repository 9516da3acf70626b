package dev.parley.server.rest;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * 415 {@code unsupported_media_type} for a resource method marked {@link JsonBody} unless the request says its body
 * is {@code application/json} (charset UTF-8 if one is named). A browser sends {@code text/plain} and form bodies
 * cross-origin without asking first, {@code application/json} only after a CORS preflight this server never grants;
 * a request without a Content-Type would otherwise reach the method too.
 */
@RequireJson.JsonBody
final class RequireJson implements ContainerRequestFilter {
    /** Marks a resource method whose body must be JSON. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface JsonBody {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check(Optional.ofNullable(request.getHeaderString("Content-Type")).orElse(""));
    }

    static void check(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw new HttpError(415, "unsupported_media_type",
                    "the body must be JSON, sent with Content-Type: application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length > 1 ? param[1].trim().replace("\"", "") : "";
                if (!charset.equalsIgnoreCase("utf-8")) {
                    throw new HttpError(415, "unsupported_media_type", "JSON bodies must be UTF-8");
                }
            }
        }
    }
}
