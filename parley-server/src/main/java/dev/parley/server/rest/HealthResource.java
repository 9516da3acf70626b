package dev.parley.server.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /health}: {@code {"status":"ok"}} while the server serves. */
@Path("health")
public final class HealthResource {
    HealthResource() {
    }

    @GET
    public Response health() {
        return Answers.json(JsonBodies.JSON.createObjectBuilder().add("status", "ok").build());
    }
}
