package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.math.BigInteger;
import java.util.HexFormat;

import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
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
 *
 * <p>Then the group signs from inside the servers: epoch 1 is recorded in a registry deployed after genesis (read
 * back from anvil here: its key is the group key, and the evidence contract is bound by a group signature the
 * registry checked); the founders pay their stake and the group records the outpoints as epoch 2 after checking
 * each on Bitcoin; the group's heartbeat signature verifies under the group key with bitcoinj over a digest
 * recomputed here; and a member SIGKILLed while a signing session is undecided does not stop the others: later
 * heartbeats are signed by the remaining 2t+1 = 3 and every survivor reports liveness ALERT.
 *
 * <p>The same group then tells the peg, misbehaviour, membership and reshare-fault stories in turn ({@link PegStory},
 * {@link MisbehaviourStory}, {@link MembershipStory}, {@link ReshareFaultStory}): one start-up for all of them.
 */
class GroupGenesisIT {
    private static final int MEMBERS = 4;
    private static final int VICTIM = 3;
    /** The member SIGKILLed in the middle of a signing session. */
    private static final int SIGNING_VICTIM = 4;
    private static final int HEARTBEAT_SECONDS = 8;

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
                new LocalGroup.Settings(work, dist, MEMBERS, Ports.freeWildFlyOffset(1200), HEARTBEAT_SECONDS,
                        nodeSettings()), System.out::println);
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

        PegLoadStory peg = groupSigns(env, group, first.groupPublicKey());

        MisbehaviourStory.run(env, group, founding, first.groupPublicKey());
        // A deposit beyond the guard's headroom waits through the membership change, whose newcomer brings a larger
        // stake than the leaver's: the cheapest coalition's stake, and with it the bound, grows and it is minted.
        List<Integer> members = new java.util.ArrayList<>();
        group.nodes().forEach(n -> members.add(n.index()));
        members.remove(Integer.valueOf(MisbehaviourStory.CULPRIT));
        PegLoadStory.GuardWait waiting = peg.depositBeyondTheBound(members);
        MembershipStory.run(env, group, first.groupPublicKey(), founding);
        waiting.mintedOnceTheBoundGrew(1);
        ReshareFaultStory.run(env, group, first.groupPublicKey(), founding);
        peg.refundWithTheGroupStopped();
    }

    private static Map<String, String> nodeSettings() {
        Map<String, String> all = new java.util.HashMap<>(PegLoadStory.SETTINGS);
        // The member killed mid-signing stays down for several stories: not excluded for that.
        all.put("synod.group.max-missed-deadlines", "100000");
        return all;
    }

    private PegLoadStory groupSigns(ItEnvironment env, LocalGroup group, String groupKey) throws Exception {
        GroupApi api = group.api();
        long t0 = System.nanoTime();
        Map<Integer, GroupApi.View> signing = group.awaitSigning(Duration.ofMinutes(3), System.out::println);
        System.out.printf("epoch 1 recorded at every member %.1f s after genesis%n", (System.nanoTime() - t0) / 1e9);
        String registry = signing.get(1).signing().registry();
        byte[] key64 = MembershipStory.key64(groupKey);
        onRegistry(env, registry, r -> {
            assertThat(r.currentEpoch().send()).isEqualTo(BigInteger.ONE);
            assertThat(r.groupPublicKey(BigInteger.ONE).send()).as("epoch 1 in the deployed registry").isEqualTo(key64);
            assertThat(r.threshold(BigInteger.ONE).send().intValue()).isEqualTo(1);
            assertThat(r.evidence().send()).as("evidence bound by a group signature the registry checked")
                    .isNotEqualTo("0x0000000000000000000000000000000000000000");
        });

        // The founders pay their stake; the group checks each payment on Bitcoin and records them as epoch 2.
        t0 = System.nanoTime();
        List<io.synod.shared.domain.Outpoint> stakes = group.payFounderStakes(groupKey);
        group.awaitRegistryEpoch(2, Duration.ofMinutes(3), System.out::println);
        System.out.printf("founders' stakes recorded as epoch 2 %.1f s after payment%n", (System.nanoTime() - t0) / 1e9);
        onRegistry(env, registry, r -> {
            assertThat(r.currentEpoch().send()).isEqualTo(BigInteger.TWO);
            assertThat(r.groupPublicKey(BigInteger.TWO).send()).as("same key in epoch 2").isEqualTo(key64);
            for (int i = 0; i < MEMBERS; i++) {
                var s = r.stakeOutpoint(BigInteger.TWO, BigInteger.valueOf(i)).send();
                assertThat(HexFormat.of().formatHex(s.component1())).isEqualTo(stakes.get(i).displayTxid());
                assertThat(s.component2().intValue()).isEqualTo(stakes.get(i).vout());
            }
        });

        // A heartbeat every member answered, signed by the group.
        GroupApi.Heartbeat beat = await(api, group.node(1), v -> {
            GroupApi.Heartbeat h = v.signing().lastHeartbeat();
            return h != null && h.signed() && h.responders().size() == MEMBERS ? h : null;
        }, Duration.ofMinutes(2), "a heartbeat answered by all four");
        byte[] digest = HeartbeatVerifier.digest(new HeartbeatAction(beat.epoch(), beat.sequence(), beat.boardBlock())
                .encode());
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(beat.digest());
        assertThat(ECKey.verify(digest, new ECKey.ECDSASignature(new BigInteger(beat.r(), 16),
                new BigInteger(beat.s(), 16)), HexFormat.of().parseHex(groupKey)))
                .as("heartbeat signature verifies under the group key (bitcoinj)").isTrue();
        assertThat(api.group(group.node(1).baseUrl()).orElseThrow().signing().liveness()).isEqualTo("HEALTHY");

        // SIGKILL a member while a signing session is undecided at it.
        LocalGroup.Node victim = group.node(SIGNING_VICTIM);
        await(api, victim, v -> v.signing().signingInProgress() > 0 ? v : null, Duration.ofMinutes(2),
                "a signing session in progress at node-" + SIGNING_VICTIM);
        long killedAt = System.nanoTime();
        group.kill(SIGNING_VICTIM);
        System.out.println("killed node-" + SIGNING_VICTIM + " in the middle of a signing session");
        for (LocalGroup.Node n : group.nodes()) {
            if (n.index() == SIGNING_VICTIM) {
                continue;
            }
            GroupApi.Heartbeat after = await(api, n, v -> {
                GroupApi.Heartbeat h = v.signing().lastHeartbeat();
                return h != null && h.signed() && h.sequence() > beat.sequence() && h.responders().size() == 3
                        && "ALERT".equals(v.signing().liveness()) ? h : null;
            }, Duration.ofMinutes(3), "node-" + n.index() + " to see a heartbeat signed by the three survivors");
            assertThat(after.responders()).doesNotContain(SIGNING_VICTIM);
            byte[] d = HeartbeatVerifier.digest(new HeartbeatAction(after.epoch(), after.sequence(),
                    after.boardBlock()).encode());
            assertThat(ECKey.verify(d, new ECKey.ECDSASignature(new BigInteger(after.r(), 16),
                    new BigInteger(after.s(), 16)), HexFormat.of().parseHex(groupKey))).isTrue();
        }
        System.out.printf("three survivors signed %.1f s after the kill%n", (System.nanoTime() - killedAt) / 1e9);
        String log = Files.readString(group.node(1).baseDir().getParent().resolve("logs/node-1.log"));
        assertThat(log).contains("LIVENESS ALERT");

        PegStory.tell(env, group, groupKey, SIGNING_VICTIM);
        PegJobsStory.tell(env, group, groupKey);
        return PegLoadStory.tell(env, group, groupKey);
    }

    /** Checks on the registry as anvil holds it, read by a client of this test (not the nodes'). */
    private interface RegistryCheck {
        void check(GroupRegistry r) throws Exception;
    }

    private static void onRegistry(ItEnvironment env, String registry, RegistryCheck check) throws Exception {
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            check.check(GroupRegistry.load(registry, client.web3j(), client.transactionManager(),
                    client.gasProvider()));
        }
    }

    static <T> T await(GroupApi api, LocalGroup.Node n, java.util.function.Function<GroupApi.View, T> probe,
            Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<GroupApi.View> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = api.group(n.baseUrl());
            if (last.isPresent() && last.get().signing() != null) {
                T t = probe.apply(last.get());
                if (t != null) {
                    return t;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; last view " + last);
    }
}
