package io.synod.web.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.synod.shared.error.ErrorCode;

/** Framework-raised HTTP errors (unknown path, bad JSON, role denied) in the same problem format. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.NOT_AUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> null;
        };
        if (code == null) {
            return e.getResponse();
        }
        String detail = switch (code) {
            case INVALID_REQUEST -> "the request body or parameters could not be read";
            case FORBIDDEN -> "the caller's roles do not allow this operation";
            default -> code.title();
        };
        return Problem.response(code, detail);
    }
}
