package io.synod.web.rest.v1;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.synod.platform.application.NodeIdentity;
import io.synod.shared.domain.Hex;

/** Facts about this member that others verify before trusting it. */
@Path("/v1/node")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @Inject
    private NodeIdentity identity;

    /** Proves this node controls its HSM identity key by signing a verifier's fresh 32-byte challenge. */
    @GET
    @Path("/identity-proof")
    @RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
    public IdentityProofDto identityProof(@QueryParam("challenge") String challengeHex) {
        byte[] challenge = Requests.parse("challenge", () -> Hex.decode("challenge", challengeHex, 32));
        return IdentityProofDto.from(identity.prove(challenge));
    }
}
