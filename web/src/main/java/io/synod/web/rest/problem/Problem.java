package io.synod.web.rest.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.shared.error.ErrorCode;

/** RFC 9457 problem details, extended with the stable Synod error {@code code}. */
public record Problem(String type, String title, int status, String detail, String code) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Response response(ErrorCode code, String detail) {
        Problem p = new Problem(code.type(), code.title(), code.status(), detail, code.name());
        return Response.status(code.status()).type(MEDIA_TYPE).entity(p).build();
    }
}
