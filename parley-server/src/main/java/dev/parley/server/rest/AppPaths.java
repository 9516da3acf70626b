package dev.parley.server.rest;

import dev.parley.server.AppKey;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Locale;

/**
 * Before any resource is matched: a path {@code /{org}/{app}/…} whose org and app (compared case-insensitively) are not
 * this server's app key is 404 {@code organization_application_not_found}, whatever follows; {@code OPTIONS} is 404
 * {@code not_found} (Jersey would answer it for every resource, and this server grants no CORS preflight); and the
 * {@code Accept} header is set aside: every answer is JSON, whatever a client accepts (Jersey would refuse with 406
 * what the SDK's {@code Accept: application/json} asks of a resource that answers asynchronously).
 */
@PreMatching
final class AppPaths implements ContainerRequestFilter {
    private final AppKey appKey;

    AppPaths(AppKey appKey) {
        this.appKey = appKey;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getMethod().equals("OPTIONS")) {
            throw new HttpError(404, "not_found", "no such resource");
        }
        request.getHeaders().putSingle("Accept", "*/*");
        List<String> path = java.util.Arrays.stream(request.getUriInfo().getRequestUri().getRawPath().split("/"))
                .filter(s -> !s.isEmpty()).toList();
        if (path.size() >= 3 && !new AppKey(path.get(0).toLowerCase(Locale.ROOT),
                path.get(1).toLowerCase(Locale.ROOT)).equals(appKey)) {
            throw new HttpError(404, "organization_application_not_found", "unknown org or app");
        }
    }
}
