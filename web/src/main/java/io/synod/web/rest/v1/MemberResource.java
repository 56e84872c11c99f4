package io.synod.web.rest.v1;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.membership.application.MembershipService;
import io.synod.shared.domain.IdentityKey;

@Path("/v1/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    @Inject
    private MembershipService membership;

    @Inject
    private IdempotentCall idempotent;

    @GET
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public List<MemberDto> members() {
        return membership.members().stream().map(MemberDto::from).toList();
    }

    @POST
    @Path("/candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR})
    public Response registerCandidate(@HeaderParam(IdempotentCall.HEADER) String idempotencyKey, CandidateRequest request) {
        CandidateRequest body = Requests.required(request, "request body");
        return idempotent.run(idempotencyKey, "POST /v1/members/candidates", body, actor -> {
            IdentityKey key = Requests.parse("identityKey", () -> IdentityKey.parse(body.identityKey()));
            return IdempotentCall.json(201, MemberDto.from(membership.registerCandidate(body.displayName(), key, actor)));
        });
    }
}
