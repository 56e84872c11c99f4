package io.synod.web.rest.v1;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.synod.peg.application.views.PegViewService;

/**
 * {@code /api/v1/peg}: what a custody desk sees of the peg on this node: a redemption's progress, the queues that
 * wait (and why), the one-way-bet guard, the invariant alerts. Read-only, open to every Synod role.
 */
@Path("/v1/peg")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CUSTODY_ADMIN, Roles.OPERATOR, Roles.APPROVER, Roles.AUDITOR})
public class PegResource {

    @Inject
    private PegViewService peg;

    @GET
    @Path("/redemptions/{sequence}")
    public PegDtos.Redemption redemption(@PathParam("sequence") long sequence) {
        return PegDtos.Redemption.from(peg.redemption(sequence));
    }

    @GET
    @Path("/queues")
    public PegDtos.Queues queues() {
        return PegDtos.Queues.from(peg.queues());
    }

    @GET
    @Path("/guard")
    public PegDtos.Guard guard() {
        return PegDtos.Guard.from(peg.guard());
    }

    @GET
    @Path("/alerts")
    public List<PegDtos.Alert> alerts(@QueryParam("limit") @DefaultValue("100") int limit) {
        return peg.alerts(limit).stream().map(PegDtos.Alert::from).toList();
    }
}
