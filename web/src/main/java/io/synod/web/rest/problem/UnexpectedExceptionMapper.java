package io.synod.web.rest.problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.synod.shared.error.ErrorCode;

/** Anything unexpected: logged with an incident id, answered with that id and nothing internal. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof EJBAccessException) {
            return Problem.response(ErrorCode.FORBIDDEN, "the caller's roles do not allow this operation");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return Problem.response(ErrorCode.INTERNAL, "unexpected failure; quote incident " + incident + " to the operator");
    }
}
