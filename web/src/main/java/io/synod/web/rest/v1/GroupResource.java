package io.synod.web.rest.v1;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.synod.coordination.application.GroupStatusService;
import io.synod.coordination.application.SigningStatusService;

/** {@code GET /api/v1/group}: this node's view of its consensus group (formation phase, key, address, members, signing and liveness). */
@Path("/v1/group")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {

    @Inject
    private GroupStatusService groups;

    @Inject
    private SigningStatusService signing;

    @GET
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public GroupDto group() {
        return GroupDto.from(groups.groupStatus(), signing.signingStatus());
    }
}
