package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness follows the database; the schema is migrated at start-up; changes leave a chained audit trail. */
@ExtendWith(ArquillianExtension.class)
class HealthAndPersistenceIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.synodEar();
    }

    private final ApiClient api = new ApiClient();

    @Test
    void readinessIsFalseWhileDatabaseIsUnreachableAndRecovers() throws Exception {
        assertThat(api.get("/api/health/ready", null).statusCode()).isEqualTo(200);
        try (AutoCloseable restore = ItEnvironment.get().databaseOutage()) {
            var down = api.get("/api/health/ready", null);
            assertThat(down.statusCode()).isEqualTo(503);
            var body = ApiClient.json(down.body());
            assertThat(body.getString("status")).isEqualTo("DOWN");
            assertThat(body.getJsonObject("checks").getString("database")).contains("unreachable");
            assertThat(api.get("/api/health/live", null).statusCode()).isEqualTo(200);
        }
        // A load balancer polls; the pool drops the connections the outage broke and readiness returns.
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        do {
            status = api.get("/api/health/ready", null).statusCode();
        } while (status != 200 && System.nanoTime() < deadline && sleep());
        assertThat(status).isEqualTo(200);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void schemaWasMigratedByFlywayAtStartup() throws Exception {
        try (Connection c = DriverManager.getConnection(ItEnvironment.get().jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            Set<String> applied = new TreeSet<>();
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
            assertThat(applied).isEqualTo(shippedMigrationVersions());
        }
    }

    /** The versions of every migration the build shipped (db/migration/INDEX), as Flyway writes them (V4_1 is 4.1). */
    private static Set<String> shippedMigrationVersions() throws IOException {
        Set<String> versions = new TreeSet<>();
        try (var in = HealthAndPersistenceIT.class.getClassLoader().getResourceAsStream("db/migration/INDEX")) {
            assertThat(in).as("db/migration/INDEX on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.startsWith("V") && line.contains("__")) {
                    versions.add(line.substring(1, line.indexOf("__")).replace('_', '.'));
                }
            }
        }
        assertThat(versions).as("shipped migrations").isNotEmpty();
        return versions;
    }

    @Test
    void stateChangeIsAuditedWithActorAndChainedHash() throws Exception {
        String identity = TestKeys.freshIdentityKeyHex();
        var r = api.post("/api/v1/members/candidates", api.userToken("desk-admin"), UUID.randomUUID().toString(),
                "{\"displayName\":\"Audited Bank\",\"identityKey\":\"" + identity + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        try (Connection c = DriverManager.getConnection(ItEnvironment.get().jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT e.actor, e.previous_hash, p.event_hash, e.id FROM audit_event e "
                     + "LEFT JOIN audit_event p ON p.id = e.id - 1 WHERE e.detail LIKE '%" + identity + "%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("desk-admin");
            byte[] previous = rs.getBytes(2);
            byte[] predecessorHash = rs.getBytes(3);
            if (rs.getLong(4) == 1) {
                assertThat(previous).isEqualTo(new byte[32]);
            } else {
                assertThat(Arrays.equals(previous, predecessorHash)).as("previous_hash links to the prior event").isTrue();
            }
        }
    }
}
