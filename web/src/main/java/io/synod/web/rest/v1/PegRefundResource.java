package io.synod.web.rest.v1;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.peg.application.pegin.NonQualifyingRefunds;

/**
 * {@code POST /api/v1/peg/refunds/{txid:vout}}: an operator proposes that the group return a non-qualifying payment
 * (listed in {@code GET /api/v1/peg/queues}) to its depositor. The group signs only what each member's own books list
 * as refundable; the answer names the broadcast refund (202: booked by every member once it is in a block). A payment
 * this node does not list is 404, one that is not refundable (or that the group did not sign) 409. Retrying is
 * harmless: the refund of an outpoint is the same transaction, and only a confirmed one is booked.
 */
@Path("/v1/peg/refunds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PegRefundResource {

    @Inject
    private NonQualifyingRefunds refunds;

    @POST
    @Path("/{outpoint}")
    @RolesAllowed(Roles.OPERATOR)
    public Response refund(@PathParam("outpoint") String outpoint) {
        String txid = refunds.refund(outpoint);
        return Response.accepted(Map.of("outpoint", outpoint, "refundTxid", txid)).build();
    }
}
