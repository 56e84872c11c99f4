package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** State-changing calls execute once per Idempotency-Key; errors are RFC 9457 problems with stable codes. */
@ExtendWith(ArquillianExtension.class)
class IdempotencyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.synodEar();
    }

    private final ApiClient api = new ApiClient();

    private static String candidate(String name, String key) {
        return "{\"displayName\":\"" + name + "\",\"identityKey\":\"" + key + "\"}";
    }

    private long membersWithKey(String token, String identityKey) {
        var r = api.get("/api/v1/members", token);
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiClient.json("{\"m\":" + r.body() + "}").getJsonArray("m").stream()
                .filter(v -> v.asJsonObject().getString("identityKey").equals(identityKey)).count();
    }

    @Test
    void retryWithSameKeyAndBodyReturnsFirstAnswerAndExecutesOnce() {
        String token = api.userToken("ops");
        String key = UUID.randomUUID().toString();
        String identity = TestKeys.freshIdentityKeyHex();
        var first = api.post("/api/v1/members/candidates", token, key, candidate("Bank A", identity));
        var retry = api.post("/api/v1/members/candidates", token, key, candidate("Bank A", identity));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(ApiClient.json(first.body()).getString("status")).isEqualTo("CANDIDATE");
        assertThat(membersWithKey(token, identity)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesExecuteOnce() throws Exception {
        String token = api.userToken("ops");
        String key = UUID.randomUUID().toString();
        String identity = TestKeys.freshIdentityKeyHex();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<java.net.http.HttpResponse<String>>>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> api.post("/api/v1/members/candidates", token, key, candidate("Bank F", identity))));
            }
            String firstBody = null;
            for (var call : calls) {
                var r = call.get();
                if (r.statusCode() == 201) {
                    firstBody = firstBody == null ? r.body() : firstBody;
                    assertThat(r.body()).isEqualTo(firstBody);
                } else {
                    assertThat(r.statusCode()).isEqualTo(409);
                    assertThat(ApiClient.json(r.body()).getString("code")).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(membersWithKey(token, identity)).isEqualTo(1);
        var retry = api.post("/api/v1/members/candidates", token, key, candidate("Bank F", identity));
        assertThat(retry.statusCode()).isEqualTo(201);
    }

    @Test
    void sameKeyWithAnotherBodyIsConflict() {
        String token = api.userToken("ops");
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/v1/members/candidates", token, key, candidate("Bank B", TestKeys.freshIdentityKeyHex()))
                .statusCode()).isEqualTo(201);
        String other = TestKeys.freshIdentityKeyHex();
        var reuse = api.post("/api/v1/members/candidates", token, key, candidate("Bank B", other));
        assertThat(reuse.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(reuse.body()).getString("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(membersWithKey(token, other)).isZero();
    }

    @Test
    void missingKeyIsRefusedBeforeAnythingHappens() {
        String token = api.userToken("ops");
        String identity = TestKeys.freshIdentityKeyHex();
        var r = api.post("/api/v1/members/candidates", token, null, candidate("Bank C", identity));
        assertThat(r.statusCode()).isEqualTo(400);
        var problem = ApiClient.json(r.body());
        assertThat(problem.getString("code")).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(problem.getString("type")).isEqualTo("https://synod.io/problems/idempotency-key-required");
        assertThat(problem.getInt("status")).isEqualTo(400);
        assertThat(membersWithKey(token, identity)).isZero();
    }

    @Test
    void malformedIdentityKeyNamesTheField() {
        String token = api.userToken("ops");
        String offCurve = "02" + "ff".repeat(32);
        var r = api.post("/api/v1/members/candidates", token, UUID.randomUUID().toString(), candidate("Bank D", offCurve));
        assertThat(r.statusCode()).isEqualTo(400);
        var problem = ApiClient.json(r.body());
        assertThat(problem.getString("code")).isEqualTo("INVALID_REQUEST");
        assertThat(problem.getString("detail")).startsWith("identityKey:");
    }

    @Test
    void duplicateIdentityUnderNewKeyIsDomainConflict() {
        String token = api.userToken("desk-admin");
        String identity = TestKeys.freshIdentityKeyHex();
        assertThat(api.post("/api/v1/members/candidates", token, UUID.randomUUID().toString(), candidate("Bank E", identity))
                .statusCode()).isEqualTo(201);
        var again = api.post("/api/v1/members/candidates", token, UUID.randomUUID().toString(), candidate("Bank E2", identity));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(again.body()).getString("code")).isEqualTo("CONFLICT");
    }

    @Test
    void unreadableJsonIsInvalidRequestProblem() {
        var r = api.post("/api/v1/members/candidates", api.userToken("ops"), UUID.randomUUID().toString(), "{not json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(r.body()).getString("code")).isEqualTo("INVALID_REQUEST");
    }
}
