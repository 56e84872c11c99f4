package io.synod.web.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.synod.shared.error.SynodException;

@Provider
public class SynodExceptionMapper implements ExceptionMapper<SynodException> {

    @Override
    public Response toResponse(SynodException e) {
        return Problem.response(e.code(), e.getMessage());
    }
}
