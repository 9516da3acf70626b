package dev.parley.server.rest;

import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Success answers: a JSON body with its type named, so that no {@code Accept} header changes what is sent. */
final class Answers {
    /** What every JSON answer says it is, as the REST API always said. */
    static final String JSON_UTF8 = "application/json;charset=UTF-8";
    static final MediaType JSON_TYPE = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private Answers() {
    }

    static Response json(JsonValue body) {
        return Response.ok(body, JSON_TYPE).build();
    }
}
