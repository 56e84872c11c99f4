package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.crypto.ECKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.EvmClient;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.membership.application.StakeSpendAction;
import io.synod.membership.application.StakeTransactions;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * Membership changes in the running group of {@link GroupGenesisIT} (one group start-up for the whole story, after
 * the misbehaviour story, whose convicted member the servers exclude by resharing on their own): a new server,
 * started by the launcher as a candidate with its own database, token and keys, pays its stake and registers; every
 * member checks the stake on its own Bitcoin node and the group reshares to include it over the board. Member 2 asks
 * to leave through the REST API; the group reshares without it (never below three members, so with few members the
 * leave waits for the join). The registry records each change as a new epoch with the same group key (so the same
 * Bitcoin address); the leaver's stake comes back on bcoin to its identity key minus the fee; and the group as it
 * stands at the end, the newcomer included, signs a heartbeat that verifies under the key with bitcoinj.
 */
final class MembershipStory {
    /** What a stake return pays (the servers' default {@code synod.membership.return-fee-sats}). */
    private static final Satoshis RETURN_FEE = new Satoshis(2_000);
    private static final int LEAVER = 2;
    /**
     * Twice a founder's: once it replaces the leaver's in the cheapest signing coalition, the one-way-bet bound grows
     * (PegLoadStory's deposit waiting for stake is minted then).
     */
    private static final io.synod.chain.bitcoin.Satoshis NEWCOMER_STAKE = new io.synod.chain.bitcoin.Satoshis(
            2 * LocalGroup.FOUNDER_STAKE.value());

    private MembershipStory() {
    }

    static void run(ItEnvironment env, LocalGroup group, String groupKey, FoundingSetFile founding) throws Exception {
        GroupApi api = group.api();
        String registryAddress = api.group(group.node(1).baseUrl()).orElseThrow().signing().registry();
        byte[] key64 = key64(groupKey);
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            EvmMembershipRegistry registry = new EvmMembershipRegistry(client, registryAddress);
            long before = registry.currentEpoch();
            assertThat(before).isGreaterThanOrEqualTo(2);

            // Member 2 asks to leave through the API (its node sends the request from its identity account).
            LocalGroup.Node leaver = group.node(LEAVER);
            String leaverAddress = founding.founders().member(LEAVER).address();
            Outpoint stake = registry.epoch(2).stakeOf(leaverAddress);
            api.requestLeave(leaver.baseUrl());
            await(() -> registry.leaveRequestedIn(leaverAddress) != 0 ? Optional.of(true) : Optional.empty(),
                    Duration.ofMinutes(2), "member " + LEAVER + "'s leave request", () -> views(group));

            // Every founder up (an earlier step may have stopped one), and the candidate's server, in parallel.
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (LocalGroup.Node n : group.nodes()) {
                if (n.jvm().filter(ProcessHandle::isAlive).isEmpty()) {
                    starts.add(CompletableFuture.runAsync(() -> group.restart(n.index())));
                }
            }
            LocalGroup.Node candidate = group.startCandidate(groupKey, NEWCOMER_STAKE, Duration.ofMinutes(4));
            starts.forEach(CompletableFuture::join);
            String newcomer = io.synod.coordination.infrastructure.config.FounderCard.read(candidate.baseDir()
                    .resolve("data").resolve(io.synod.coordination.infrastructure.config.FounderCard.FILE))
                    .identityAddress().toLowerCase(java.util.Locale.ROOT);
            System.out.printf("candidate node-%d (%s) started %.1f s%n", candidate.index(), newcomer,
                    (System.nanoTime() - t0) / 1e9);

            // Joining by stake: an epoch with the newcomer, the same key and the stake it registered. (The group
            // does not shrink below three members, so with few members the leave waits for the join.)
            long t1 = System.nanoTime();
            long joined = await(() -> firstEpoch(registry, before, r -> r.hasMember(newcomer)), Duration.ofMinutes(6),
                    "an epoch with the candidate", () -> views(group));
            System.out.printf("join recorded as epoch %d %.1f s after the candidate's server was up%n", joined,
                    (System.nanoTime() - t1) / 1e9);
            EpochRecord withNewcomer = registry.epoch(joined);
            EpochRecord beforeJoin = registry.epoch(joined - 1);
            assertThat(withNewcomer.groupPublicKey()).as("group key (and Bitcoin address) unchanged").isEqualTo(key64);
            assertThat(withNewcomer.members()).hasSize(beforeJoin.members().size() + 1);
            assertThat(registry.memberIndex(newcomer)).isEqualTo(group.nodes().size() + 1);
            assertThat(withNewcomer.stakeOf(newcomer)).isEqualTo(registry.candidacy(newcomer).orElseThrow().stake());
            for (String m : beforeJoin.members()) {
                assertThat(withNewcomer.stakeOf(m)).as("a staying member keeps its stake").isEqualTo(beforeJoin.stakeOf(m));
            }

            // Leaving: an epoch without member 2, same key.
            long left = await(() -> firstEpoch(registry, before, r -> !r.hasMember(leaverAddress)),
                    Duration.ofMinutes(6), "an epoch without member " + LEAVER, () -> views(group));
            System.out.printf("leave recorded as epoch %d, %.1f s after the join%n", left,
                    (System.nanoTime() - t1) / 1e9);
            assertThat(registry.epoch(left).groupPublicKey()).isEqualTo(key64);
            assertThat(registry.epoch(left).members()).hasSize(registry.epoch(left - 1).members().size() - 1);

            // Its stake comes back to its identity key, minus the fee: the transaction every member rebuilds.
            StakeSpendAction ret = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, leaverAddress, stake,
                    new Satoshis(LocalGroup.FOUNDER_STAKE.value()),
                    StakeTransactions.returnScript(founding.founders().member(LEAVER).identityKey()), RETURN_FEE);
            String txid = StakeTransactions.unsigned(ret).getTxId().toString();
            JsonNode tx = await(() -> env.devnet().bitcoinRpc().getRawTransactionVerbose(
                    new io.synod.chain.bitcoin.Txid(txid)), Duration.ofMinutes(4), "the stake return " + txid,
                    () -> views(group));
            env.devnet().mineBitcoin(1);
            assertThat(tx.path("vin").get(0).path("txid").asText()).isEqualTo(stake.displayTxid());
            JsonNode out = env.devnet().bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                    new io.synod.chain.bitcoin.Txid(txid), 0), false).orElseThrow();
            assertThat(out.path("value").decimalValue().movePointRight(8).longValueExact())
                    .isEqualTo(LocalGroup.FOUNDER_STAKE.value() - RETURN_FEE.value());
            assertThat(out.path("scriptPubKey").path("hex").asText())
                    .isEqualTo(HexFormat.of().formatHex(ret.destination()));
            assertThat(out.path("confirmations").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(env.devnet().bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                    new io.synod.chain.bitcoin.Txid(stake.displayTxid()), stake.vout()), true)).as("stake spent")
                    .isEmpty();

            // The group as it stands now, the newcomer included, signs: a heartbeat of the current epoch answered by
            // every member verifies under the group key (bitcoinj); the leaver signs nothing more.
            long now = registry.currentEpoch();
            EpochRecord last = registry.epoch(now);
            assertThat(last.hasMember(newcomer)).isTrue();
            assertThat(last.hasMember(leaverAddress)).isFalse();
            GroupApi.Heartbeat beat = heartbeat(api, candidate, now, last.members().size(), Duration.ofMinutes(4));
            assertThat(beat.responders()).contains(candidate.index()).doesNotContain(LEAVER);
            assertSignedByGroup(beat, groupKey);
            assertThat(api.group(leaver.baseUrl()).orElseThrow().signing().phase()).isEqualTo("NOT_A_MEMBER");
            assertThat(api.membership(group.node(1).baseUrl()).orElseThrow().stakeReturns()).contains(leaverAddress);
            System.out.printf("epoch %d (%d members, the newcomer included) signs under the same key%n", now,
                    last.members().size());
            // The newcomer's books hold the peg's history from before it joined; the leaver's stake is booked out.
            Books.assertSettled("after the join and the stake return", env, group,
                    Books.membersOf(group, founding, last), Duration.ofMinutes(2), "stake-spent:" + stake,
                    "stake:" + last.stakeOf(newcomer));
        }
    }

    /** The first epoch after {@code from} whose record satisfies {@code test}, if the registry has one yet. */
    /** The group key as the registry records it: the uncompressed point's 64 bytes, without the 0x04 prefix. */
    static byte[] key64(String compressedGroupKeyHex) {
        return Arrays.copyOfRange(ECKey.fromPublicOnly(HexFormat.of().parseHex(compressedGroupKeyHex)).decompress()
                .getPubKey(), 1, 65);
    }

    static Optional<Long> firstEpoch(EvmMembershipRegistry registry, long from,
            java.util.function.Predicate<EpochRecord> test) {
        for (long e = from + 1; e <= registry.currentEpoch(); e++) {
            if (test.test(registry.epoch(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String views(LocalGroup group) {
        StringBuilder b = new StringBuilder();
        for (LocalGroup.Node n : group.allNodes()) {
            b.append(n.name()).append(": ").append(group.api().membership(n.baseUrl()).map(Object::toString)
                    .orElse("not answering")).append(" / ").append(group.api().group(n.baseUrl())
                    .map(v -> v.signing() == null ? "?" : v.signing().phase() + " " + v.signing().detail())
                    .orElse("-")).append('\n');
        }
        return b.toString();
    }

    /** A signed heartbeat of signing epoch {@code epoch} with {@code responders} answers, as {@code n} reports. */
    static GroupApi.Heartbeat heartbeat(GroupApi api, LocalGroup.Node n, long epoch, int responders,
            Duration timeout) throws InterruptedException {
        return await(() -> api.group(n.baseUrl()).map(GroupApi.View::signing).map(GroupApi.Signing::lastHeartbeat)
                .filter(h -> h.epoch() == epoch && h.signed() && h.responders().size() == responders), timeout,
                "a heartbeat of epoch " + epoch + " answered by " + responders + " at " + n.name(),
                () -> api.group(n.baseUrl()).toString());
    }

    static void assertSignedByGroup(GroupApi.Heartbeat beat, String groupKey) {
        byte[] digest = HeartbeatVerifier.digest(new HeartbeatAction(beat.epoch(), beat.sequence(), beat.boardBlock())
                .encode());
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(beat.digest());
        assertThat(ECKey.verify(digest, new ECKey.ECDSASignature(new BigInteger(beat.r(), 16),
                new BigInteger(beat.s(), 16)), HexFormat.of().parseHex(groupKey)))
                .as("heartbeat of epoch %d verifies under the group key (bitcoinj)", beat.epoch()).isTrue();
    }

    static <T> T await(Supplier<Optional<T>> probe, Duration timeout, String what, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> t = probe.get();
                if (t.isPresent()) {
                    return t.get();
                }
            } catch (RuntimeException e) {
                // a node restarting or a chain call failing: probe again
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + state.get());
    }
}
