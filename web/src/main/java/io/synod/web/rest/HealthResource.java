package io.synod.web.rest;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.platform.application.HealthService;
import io.synod.platform.application.Readiness;

/**
 * Liveness and readiness for orchestrators and load balancers. Unauthenticated by design (see
 * web.xml): they reveal only which dependency is down, never configuration or secrets.
 */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    private HealthService health;

    @GET
    @Path("/live")
    public Map<String, String> live() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("/ready")
    public Response ready() {
        Readiness readiness = health.readiness();
        var body = Map.of("status", readiness.ready() ? "UP" : "DOWN", "checks", readiness.checks());
        return Response.status(readiness.ready() ? 200 : 503).entity(body).build();
    }
}
