package io.synod.web.rest.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.synod.shared.error.ErrorCode;

/** A body the JSON binding cannot read is the caller's mistake, not an internal failure. */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        return Problem.response(ErrorCode.INVALID_REQUEST, "the request body is not valid JSON for this operation");
    }
}
