package io.synod.web.rest.v1;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.synod.platform.application.NodeStatusService;

@Path("/v1/status")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    private NodeStatusService statusService;

    @GET
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public StatusDto status() {
        return StatusDto.from(statusService.status());
    }
}
