package io.synod.web.rest.v1;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.coordination.application.MembershipStatusService;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/**
 * {@code GET /api/v1/group/membership}: membership changes as this node sees them (refused stakes with their
 * reasons included); {@code POST /api/v1/group/leave}: the custody admin asks for this member to leave the group
 * (the registry records the request, the group reshares without it and returns its stake).
 */
@Path("/v1/group")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MembershipResource {

    @Inject
    private MembershipStatusService membership;

    @GET
    @Path("/membership")
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public MembershipDto membership() {
        return MembershipDto.from(membership.membershipStatus());
    }

    @POST
    @Path("/leave")
    @RolesAllowed(Roles.CUSTODY_ADMIN)
    public Response leave() {
        try {
            membership.requestLeave();
        } catch (IllegalStateException e) {
            throw new SynodException(ErrorCode.CONFLICT, e.getMessage());
        }
        return Response.accepted(MembershipDto.from(membership.membershipStatus())).build();
    }
}
