package io.synod.web.rest.v1;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.synod.membership.application.MisbehaviourQueries;

/** {@code GET /api/v1/membership/misbehaviour}: convictions, false accusations, exclusions and confiscations here. */
@Path("/v1/membership/misbehaviour")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MisbehaviourResource {

    @Inject
    private MisbehaviourQueries queries;

    @GET
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public MisbehaviourDto misbehaviour() {
        return MisbehaviourDto.from(queries.misbehaviour());
    }
}
