package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The peg's read API in the deployed EAR (real PostgreSQL, real Keycloak) on a node that runs no peg yet: empty
 * queues and alerts, an unknown redemption as a NOT_FOUND problem, the guard as UNAVAILABLE (no peg-in runtime to
 * compute it), a bad limit as INVALID_REQUEST, and the roles as on every other read.
 */
@ExtendWith(ArquillianExtension.class)
class PegViewsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.synodEar();
    }

    private final ApiClient api = new ApiClient();

    @Test
    void aNodeWithoutPegTrafficAnswersEmptyViewsAndProblemsForWhatItCannotKnow() {
        String auditor = api.userToken("auditor");
        var queues = api.get("/api/v1/peg/queues", auditor);
        assertThat(queues.statusCode()).isEqualTo(200);
        var q = ApiClient.json(queues.body());
        assertThat(q.getJsonArray("guard")).isEmpty();
        assertThat(q.getJsonArray("limits")).isEmpty();
        assertThat(q.getJsonArray("nonQualifying")).isEmpty();

        var alerts = api.get("/api/v1/peg/alerts", auditor);
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.body().strip()).isEqualTo("[]");

        var unknown = api.get("/api/v1/peg/redemptions/1", auditor);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(unknown.body()).getString("code")).isEqualTo("NOT_FOUND");

        var guard = api.get("/api/v1/peg/guard", auditor);
        assertThat(guard.statusCode()).isEqualTo(503);
        assertThat(ApiClient.json(guard.body()).getString("code")).isEqualTo("UNAVAILABLE");

        var badLimit = api.get("/api/v1/peg/alerts?limit=0", auditor);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(badLimit.body()).getString("code")).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void pegViewsNeedATokenAndASynodRole() {
        assertThat(api.get("/api/v1/peg/queues", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/peg/queues", api.userToken("visitor")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/peg/alerts", api.serviceAccountToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAnOperatorProposesARefundAndANodeWithoutAPegRefusesItAsUnavailable() {
        String path = "/api/v1/peg/refunds/" + "ab".repeat(32) + ":0";
        assertThat(api.post(path, null, null, "").statusCode()).isEqualTo(401);
        assertThat(api.post(path, api.userToken("auditor"), null, "").statusCode()).isEqualTo(403);
        String ops = api.userToken("ops");
        var noPeg = api.post(path, ops, null, "");
        assertThat(noPeg.statusCode()).isEqualTo(503);
        assertThat(ApiClient.json(noPeg.body()).getString("code")).isEqualTo("UNAVAILABLE");
        var bad = api.post("/api/v1/peg/refunds/not-an-outpoint", ops, null, "");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(bad.body()).getString("code")).isEqualTo("INVALID_REQUEST");
    }
}
