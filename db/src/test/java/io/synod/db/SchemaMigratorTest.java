package io.synod.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class SchemaMigratorTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static javax.sql.DataSource freshDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    @Test
    void emptyDatabaseReachesCurrentSchemaAndSecondRunIsNoOp() throws Exception {
        var ds = freshDatabase("empty_db");
        var first = new SchemaMigrator(ds).migrate();
        assertThat(first.applied()).isEqualTo(first.known()).isPositive();
        var second = new SchemaMigrator(ds).migrate();
        assertThat(second.applied()).isZero();
        assertThat(second.version()).isEqualTo(first.version());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                     + "('group_epoch','member','deposit','mint','redemption','signing_session','audit_event','idempotency_record')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(8);
        }
    }

    @Test
    void schemaRefusesMalformedValues() throws Exception {
        var ds = freshDatabase("constraints_db");
        new SchemaMigrator(ds).migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO deposit (txid, vout, amount_sats, recipient, state, created_at, updated_at) "
                    + "VALUES (decode('00','hex'), 0, 1000, '0xabc', 'SEEN', now(), now())"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("txid");
            assertThatThrownBy(() -> s.execute("INSERT INTO deposit (txid, vout, amount_sats, recipient, state, created_at, updated_at) "
                    + "VALUES (decode(repeat('ab',32),'hex'), 0, -5, '0xabc', 'SEEN', now(), now())"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("amount_sats");
        }
    }

    @Test
    void auditTrailIsAppendOnly() throws Exception {
        var ds = freshDatabase("audit_db");
        new SchemaMigrator(ds).migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_event VALUES (1, now(), 'alice', 'TEST', 'x', '{}', decode(repeat('00',32),'hex'), decode(repeat('11',32),'hex'))");
            s.execute("UPDATE audit_event SET actor = 'mallory'");
            s.execute("DELETE FROM audit_event");
            try (ResultSet rs = s.executeQuery("SELECT actor FROM audit_event")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alice");
            }
        }
    }
}
