package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.synod.cli.local.Distribution;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalPostgres;
import io.synod.cli.local.Ports;
import io.synod.cli.local.ProcessSupervisor;
import io.synod.cli.local.Trees;
import io.synod.coordination.infrastructure.config.FoundingSetFile;

/**
 * Four real Synod servers (WildFly + EAR, each with its own PostgreSQL database and SoftHSM token, started by the
 * same launcher as {@code ./synod run}) form a group over the message board on anvil. One of them is killed with
 * SIGKILL in the middle of key generation and started again: it resumes from its checkpoint and the session
 * completes; all four report the same group key and address, and each stored its share only sealed.
 */
class GroupGenesisIT {
    private static final int MEMBERS = 4;
    private static final int VICTIM = 3;

    private ProcessSupervisor supervisor;

    @AfterEach
    void stopNodes() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void fourServersFormOneGroupAndAMemberKilledMidGenesisResumes() throws Exception {
        ItEnvironment env = ItEnvironment.get();
        Path work = Path.of(System.getProperty("synod.it.work")).resolve("group");
        Trees.delete(work);
        Files.createDirectories(work);
        supervisor = new ProcessSupervisor(work.resolve("pids"));
        Path ear = Path.of(System.getProperty("synod.ear"));
        Distribution dist = new Distribution(ear.getParent().getParent().getParent());
        LocalGroup group = LocalGroup.start(supervisor, env.devnet(), env.postgres(), env.keycloak(),
                new LocalGroup.Settings(work, dist, MEMBERS, Ports.freeWildFlyOffset(1200)), System.out::println);
        GroupApi api = group.api();
        for (LocalGroup.Node n : group.nodes()) {
            assertThat(api.group(n.baseUrl()).orElseThrow().phase()).isIn("PREPARING_KEYS", "AWAITING_FOUNDING_SET");
        }

        FoundingSetFile founding = group.found(Duration.ofMinutes(2));
        assertThat(founding.founders().size()).isEqualTo(MEMBERS);
        assertThat(founding.founders().t()).isEqualTo(1);

        // Kill the victim as soon as it has posted its first round: the others cannot finish without its later
        // rounds, so the kill lands inside key generation.
        LocalGroup.Node victim = group.node(VICTIM);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        GroupApi.View seen;
        while (true) {
            Optional<GroupApi.View> v = api.group(victim.baseUrl());
            if (v.isPresent() && v.get().phase().equals("KEY_GENERATION") && v.get().round() >= 1) {
                seen = v.get();
                break;
            }
            assertThat(System.nanoTime()).as("victim reaching round 1, last seen %s", v).isLessThan(deadline);
            Thread.sleep(50);
        }
        group.kill(VICTIM);
        System.out.println("killed node-" + VICTIM + " at round " + seen.round());
        for (LocalGroup.Node n : group.nodes()) {
            if (n.index() != VICTIM) {
                assertThat(api.group(n.baseUrl()).orElseThrow().phase()).as("node-%d while the victim is down", n.index())
                        .isEqualTo("KEY_GENERATION");
            }
        }
        group.restart(VICTIM);

        Map<Integer, GroupApi.View> views = group.awaitReady(Duration.ofMinutes(6), System.out::println);
        GroupApi.View first = views.get(1);
        assertThat(first.groupPublicKey()).matches("0[23][0-9a-f]{64}");
        assertThat(first.bitcoinAddress()).startsWith("rb1q");
        for (GroupApi.View v : views.values()) {
            assertThat(v.groupPublicKey()).isEqualTo(first.groupPublicKey());
            assertThat(v.bitcoinAddress()).isEqualTo(first.bitcoinAddress());
        }
        String log = Files.readString(work.resolve("logs/node-" + VICTIM + ".log"));
        assertThat(log).contains("resuming genesis");

        for (LocalGroup.Node n : group.nodes()) {
            try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + n.index()),
                    LocalPostgres.USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT k.member_index, encode(k.group_public_key, 'hex'), "
                         + "octet_length(k.sealed_share), c.finished, c.sealed_seed IS NULL FROM sealed_key_share k "
                         + "JOIN session_checkpoint c ON c.session_id = k.group_id")) {
                assertThat(rs.next()).as("node-%d stored its share", n.index()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(n.index());
                assertThat(rs.getString(2)).isEqualTo(first.groupPublicKey());
                assertThat(rs.getInt(3)).as("a sealed blob, not a bare 32-byte scalar").isEqualTo(1 + 12 + 32 + 16);
                assertThat(rs.getBoolean(4)).isTrue();
                assertThat(rs.getBoolean(5)).as("the session seed is dropped once finished").isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
