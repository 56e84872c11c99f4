package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bitcoinj.crypto.ECKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.EvmClient;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;

/**
 * "A member misbehaves", told with the servers {@link GroupGenesisIT} already started: one member is restarted with
 * the regtest-only drill that makes it post wrong partial signatures. Every other member convicts it from the
 * evidence on the board and records its exclusion; the group signs the move of its stake to the configured
 * forfeiture output (seen here on bcoin: the stake outpoint spent, only the forfeiture script paid), then records the
 * confiscation on the registry (read here from anvil), reshares without it (an epoch that leaves it out, same key);
 * and the others keep signing heartbeats under the same group key. Nobody honest is accused.
 */
final class MisbehaviourStory {
    /** The member turned culprit by the drill. */
    static final int CULPRIT = 4;
    private static final String DRILL = "synod.drill.fault";

    private MisbehaviourStory() {
    }

    static void run(ItEnvironment env, LocalGroup group, FoundingSetFile founding, String groupKey) throws Exception {
        GroupApi api = group.api();
        String culprit = founding.founders().member(CULPRIT).address();
        List<LocalGroup.Node> honest = group.nodes().stream().filter(n -> n.index() != CULPRIT).toList();
        String registry = api.group(group.node(1).baseUrl()).orElseThrow().signing().registry();
        long epochBefore;
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            epochBefore = new EvmMembershipRegistry(client, registry).currentEpoch();
        }
        long t0 = System.nanoTime();

        // The culprit's server starts again with the drill armed (it says so loudly in its log).
        group.node(CULPRIT).jvm().filter(ProcessHandle::isAlive).ifPresent(p -> group.kill(CULPRIT));
        group.restart(CULPRIT, Map.of(DRILL, "bad-partial-signature"));
        java.nio.file.Path log = group.node(CULPRIT).baseDir().getParent().resolve("logs/node-" + CULPRIT + ".log");
        long armedBy = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(log).contains("MISBEHAVIOUR DRILL ARMED")) {
            assertThat(System.nanoTime()).as("the drill announced in node-%d's log", CULPRIT).isLessThan(armedBy);
            Thread.sleep(200);
        }

        // Every other member convicts it from evidence it checked itself, and decides its exclusion.
        for (LocalGroup.Node n : honest) {
            JsonNode m = await(api, n, v -> has(v.get("convictions"), "culprit", culprit)
                    && has(v.get("exclusions"), "member", culprit) ? v : null, Duration.ofMinutes(5),
                    "node-" + n.index() + " to convict the drilled member");
            JsonNode c = find(m.get("convictions"), "culprit", culprit).orElseThrow();
            assertThat(c.path("evidenceKind").asText()).isEqualTo("InvalidPartialEvidence");
            assertThat(c.path("culpritIndex").asInt()).isEqualTo(CULPRIT);
            assertThat(find(m.get("exclusions"), "member", culprit).orElseThrow().path("cause").asText())
                    .isEqualTo("CONVICTED");
            assertThat(m.get("falseAccusations")).as("nobody honest is accused").isEmpty();
            assertThat(m.get("convictions")).as("only the culprit (once per piece of evidence)")
                    .allSatisfy(x -> assertThat(x.path("culprit").asText()).isEqualToIgnoringCase(culprit));
        }
        System.out.printf("the drilled member was convicted by every other member %.1f s after its restart%n",
                (System.nanoTime() - t0) / 1e9);

        // Its stake goes to the forfeiture output in a transaction the group signed and broadcast.
        String txid = await(api, group.node(1), v -> find(v.get("confiscations"), "member", culprit)
                .filter(x -> x.hasNonNull("bitcoinTxid")).map(x -> x.get("bitcoinTxid").asText()).orElse(null),
                Duration.ofMinutes(4), "the confiscation to be broadcast");
        Outpoint stake;
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            stake = new EvmMembershipRegistry(client, registry).lastRecordedStake(culprit).orElseThrow();
        }
        assertStakeForfeitedOnBcoin(env, group, txid, stake);

        // Once buried, the group records the confiscation on the registry; every member sees it there.
        for (LocalGroup.Node n : honest) {
            await(api, n, v -> find(v.get("confiscations"), "member", culprit)
                    .filter(x -> x.path("state").asText().equals("RECORDED")).orElse(null), Duration.ofMinutes(4),
                    "node-" + n.index() + " to see the confiscation recorded");
        }
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            EvmMembershipRegistry r = new EvmMembershipRegistry(client, registry);
            assertThat(r.confiscated(culprit)).as("confiscated on the registry").isTrue();
            ConfiscationRecord rec = r.confiscationRecord(culprit).orElseThrow();
            assertThat(rec.confiscationTxid()).isEqualTo(txid);
            assertThat(rec.stake()).isEqualTo(stake);
            for (LocalGroup.Node n : honest) {
                assertThat(r.confiscated(founding.founders().member(n.index()).address())).isFalse();
            }
            // The group reshares without it: an epoch of the registry leaves it out, under the same key. Awaited
            // here so that what follows (the guard's bound among others) sees the group without the culprit.
            long excluded = MembershipStory.await(() -> MembershipStory.firstEpoch(r, epochBefore,
                    e -> !e.hasMember(culprit)), Duration.ofMinutes(4), "an epoch without the culprit",
                    () -> MembershipStory.views(group));
            assertThat(r.epoch(excluded).groupPublicKey()).isEqualTo(MembershipStory.key64(groupKey));
            assertThat(r.epoch(excluded).members()).hasSize(honest.size());
            System.out.printf("exclusion of the drilled member recorded as epoch %d %.1f s after the restart%n",
                    excluded, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("stake confiscated on Bitcoin (%s) and recorded on the registry %.1f s after the restart%n",
                txid, (System.nanoTime() - t0) / 1e9);

        // The others keep signing under the same group key.
        // The exclusion's epoch may have no heartbeat yet: then any signed one comes after.
        GroupApi.Heartbeat last = api.group(group.node(1).baseUrl()).orElseThrow().signing().lastHeartbeat();
        long before = last == null ? Long.MIN_VALUE : last.sequence();
        for (LocalGroup.Node n : honest) {
            GroupApi.Heartbeat beat = GroupGenesisIT.await(api, n, v -> {
                GroupApi.Heartbeat h = v.signing().lastHeartbeat();
                return h != null && h.signed() && h.sequence() > before ? h : null;
            }, Duration.ofMinutes(2), "node-" + n.index() + " to see a heartbeat signed after the confiscation");
            byte[] d = HeartbeatVerifier.digest(new HeartbeatAction(beat.epoch(), beat.sequence(), beat.boardBlock())
                    .encode());
            assertThat(ECKey.verify(d, new ECKey.ECDSASignature(new BigInteger(beat.r(), 16),
                    new BigInteger(beat.s(), 16)), HexFormat.of().parseHex(groupKey)))
                    .as("signed under the unchanged group key").isTrue();
            assertThat(api.group(n.baseUrl()).orElseThrow().groupPublicKey()).isEqualTo(groupKey);
        }
        Books.assertSettled("after the confiscation", env, group, honest, Duration.ofMinutes(2),
                "stake-spent:" + stake);
    }

    private static boolean has(JsonNode array, String field, String value) {
        return find(array, field, value).isPresent();
    }

    /**
     * On bcoin itself: {@code txid} spends exactly the stake outpoint and pays only the forfeiture script; once mined
     * under the confirmations the group waits for, the stake outpoint is spent.
     */
    static void assertStakeForfeitedOnBcoin(ItEnvironment env, LocalGroup group, String txid, Outpoint stake) {
        JsonNode tx = env.devnet().bitcoinRpc().getRawTransactionVerbose(new Txid(txid)).orElseThrow();
        assertThat(tx.get("vin")).singleElement().satisfies(in -> {
            assertThat(in.path("txid").asText()).isEqualTo(stake.displayTxid());
            assertThat(in.path("vout").asInt()).isEqualTo(stake.vout());
        });
        byte[] forfeiture = BitcoinNetwork.BCOIN_REGTEST.outputScript(group.forfeitureAddress()).program();
        assertThat(tx.get("vout")).singleElement().satisfies(out -> assertThat(
                out.path("scriptPubKey").path("hex").asText()).isEqualTo(HexFormat.of().formatHex(forfeiture)));
        env.devnet().mineBitcoin(LocalGroup.STAKE_CONFIRMATIONS);
        assertThat(env.devnet().bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                new Txid(stake.displayTxid()), stake.vout()), true)).as("the stake is spent on bcoin").isEmpty();
    }

    static Optional<JsonNode> find(JsonNode array, String field, String value) {
        if (array == null) {
            return Optional.empty();
        }
        for (JsonNode x : array) {
            if (value.equalsIgnoreCase(x.path(field).asText())) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    static <T> T await(GroupApi api, LocalGroup.Node n, Function<JsonNode, T> probe, Duration timeout,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = api.misbehaviour(n.baseUrl());
            if (last.isPresent()) {
                T t = probe.apply(last.get());
                if (t != null) {
                    return t;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; last view " + last);
    }
}
