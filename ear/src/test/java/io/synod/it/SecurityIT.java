package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API behind Keycloak: no token 401, wrong role 403, right role 200. */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.synodEar();
    }

    private final ApiClient api = new ApiClient();

    @Test
    void noTokenIsUnauthorized() {
        var r = api.get("/api/v1/status", null);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void forgedTokenIsUnauthorized() {
        String token = api.userToken("auditor");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(api.get("/api/v1/status", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void userWithoutSynodRoleIsForbidden() {
        var r = api.get("/api/v1/status", api.userToken("visitor"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void roleThatMayReadButNotWriteIsForbiddenToWrite() {
        var r = api.post("/api/v1/members/candidates", api.userToken("auditor"), UUID.randomUUID().toString(),
                "{\"displayName\":\"Bank\",\"identityKey\":\"" + TestKeys.freshIdentityKeyHex() + "\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(ApiClient.json(r.body()).getString("code")).isEqualTo("FORBIDDEN");
    }

    @Test
    void rightRoleGetsStatus() {
        var r = api.get("/api/v1/status", api.userToken("auditor"));
        assertThat(r.statusCode()).isEqualTo(200);
        var status = ApiClient.json(r.body());
        assertThat(status.getString("node")).isEqualTo("it-node");
        assertThat(status.getString("version")).isNotBlank().isNotEqualTo("unknown");
        // the test environment's bcoin is mined past the segwit and CLTV heights; anvil answers its block number
        assertThat(status.getJsonObject("chainTips").getJsonNumber("bitcoin").longValue()).isGreaterThanOrEqualTo(1400);
        assertThat(status.getJsonObject("chainTips").getJsonNumber("sidechain").longValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void backOfficeServiceAccountGetsStatus() {
        var r = api.get("/api/v1/status", api.serviceAccountToken());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(api.get("/api/health/live", null).statusCode()).isEqualTo(200);
    }
}
