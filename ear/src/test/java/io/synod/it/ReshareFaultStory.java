package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.crypto.ECKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.coordination.infrastructure.config.FounderCard;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.membership.infrastructure.evm.RegistryException;
import io.synod.shared.domain.Outpoint;
import io.synod.threshold.math.Secp256k1;

/**
 * "One member deals a bad share during resharing", told with the servers {@link GroupGenesisIT} already runs, after
 * {@link MembershipStory} (the group is then three members, t = 1). A founder is restarted with the regtest-only drill
 * {@code bad-reshare-share} while a new candidate server joins: in the join's resharing the culprit deals one member a
 * sub-share that contradicts its commitments. The resharing completes without its dealing (the two honest dealings
 * are the t+1 the old sharing needs), the join is recorded under the same key; every other member, the newcomer
 * included, convicts the culprit from the signed dealing and complaint on the board; the group reshares without it
 * (the registry's next epoch leaves it out), moves its stake to the forfeiture output (checked on bcoin) and records
 * the confiscation on the registry; and the remaining members sign a heartbeat that verifies under the unchanged key
 * with bitcoinj. On the way, requirement 2's refusals as the servers show them: a candidacy whose stake is below the
 * minimum is refused with its reason in every member's {@code GET /api/v1/group/membership}, and one naming a stake
 * already in use is refused by the registry itself.
 */
final class ReshareFaultStory {
    /** The founder turned culprit by the drill (a member of the group MembershipStory leaves behind). */
    static final int CULPRIT = 3;
    private static final String DRILL = "synod.drill.fault";
    private static final long SMALL_STAKE = 1_000_000L;

    private ReshareFaultStory() {
    }

    static void run(ItEnvironment env, LocalGroup group, String groupKey, FoundingSetFile founding) throws Exception {
        long t0 = System.nanoTime();
        GroupApi api = group.api();
        String registryAddress = api.group(group.node(1).baseUrl()).orElseThrow().signing().registry();
        byte[] key64 = MembershipStory.key64(groupKey);
        String culprit = founding.founders().member(CULPRIT).address();
        try (EvmClient client = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.TWO)))) {
            EvmMembershipRegistry registry = new EvmMembershipRegistry(client, registryAddress);
            long before = registry.currentEpoch();
            EpochRecord start = registry.epoch(before);
            assertThat(start.hasMember(culprit)).as("the culprit is a member of epoch %d", before).isTrue();
            Outpoint stake = registry.lastRecordedStake(culprit).orElseThrow();

            // Requirement 2 in the servers: a candidate paying less than the minimum stake is refused, with the
            // reason, by every member; one naming a stake already in use never gets onto the registry at all.
            ECKeyPair poorId = ECKeyPair.create(new BigInteger(1, Secp256k1.utf8("synod-it-poor-candidate"))
                    .mod(Secp256k1.N));
            io.synod.chain.bitcoin.Outpoint small = env.devnet().fundBitcoin(groupScript(groupKey),
                    new io.synod.chain.bitcoin.Satoshis(SMALL_STAKE), 1).get(0).outpoint();
            env.devnet().mineBitcoin(LocalGroup.STAKE_CONFIRMATIONS);
            Candidacy poor = register(env, registryAddress, poorId, Outpoint.parse(small.txid().hex() + ":"
                    + small.vout()));
            ECKeyPair reuseId = ECKeyPair.create(new BigInteger(1, Secp256k1.utf8("synod-it-reused-stake"))
                    .mod(Secp256k1.N));
            assertThatThrownBy(() -> register(env, registryAddress, reuseId, stake))
                    .as("a candidacy naming the culprit's stake").isInstanceOf(RegistryException.class);

            // The culprit's server starts again with the drill armed, while a new candidate's server joins.
            group.node(CULPRIT).jvm().filter(ProcessHandle::isAlive).ifPresent(p -> group.kill(CULPRIT));
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> group.restart(CULPRIT,
                    Map.of(DRILL, "bad-reshare-share")));
            LocalGroup.Node candidate = group.startCandidate(groupKey, LocalGroup.FOUNDER_STAKE, Duration.ofMinutes(4));
            restart.join();
            String newcomer = FounderCard.read(candidate.baseDir().resolve("data").resolve(FounderCard.FILE))
                    .identityAddress().toLowerCase(Locale.ROOT);
            Path log = group.node(CULPRIT).baseDir().getParent().resolve("logs/node-" + CULPRIT + ".log");
            MembershipStory.await(() -> {
                try {
                    return Optional.of(Files.readString(log)).filter(s -> s.contains(
                            "MISBEHAVIOUR DRILL ARMED (" + DRILL + "=bad-reshare-share)"));
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }, Duration.ofMinutes(2), "the drill announced in node-" + CULPRIT + "'s log", () -> "");
            System.out.printf("reshare fault: culprit node-%d restarted with the drill, candidate node-%d (%s) up"
                    + " %.1f s%n", CULPRIT, candidate.index(), newcomer, (System.nanoTime() - t0) / 1e9);

            // The refusal, with its reason, in every member's membership view.
            String refusal = poor.address() + " " + poor.stake() + " BELOW_MINIMUM";
            for (LocalGroup.Node n : group.allNodes()) {
                if (n.index() != CULPRIT && start.hasMember(addressOf(n, founding))) {
                    MembershipStory.await(() -> api.membership(n.baseUrl()).filter(m -> m.refusals().contains(refusal)),
                            Duration.ofMinutes(2), n.name() + " to show the refusal " + refusal,
                            () -> MembershipStory.views(group));
                }
            }

            // The join completes without the culprit's dealing: the newcomer is in, under the same key.
            long joined = MembershipStory.await(() -> MembershipStory.firstEpoch(registry, before,
                    r -> r.hasMember(newcomer)), Duration.ofMinutes(5), "an epoch with the candidate",
                    () -> MembershipStory.views(group));
            EpochRecord withNewcomer = registry.epoch(joined);
            assertThat(withNewcomer.groupPublicKey()).as("group key (and Bitcoin address) unchanged").isEqualTo(key64);
            assertThat(withNewcomer.members()).hasSize(start.members().size() + 1).contains(culprit);
            assertThat(registry.candidacy(poor.address())).as("the refused candidate stays out").isPresent();
            assertThat(withNewcomer.hasMember(poor.address())).isFalse();
            System.out.printf("reshare fault: join recorded as epoch %d %.1f s into the story%n", joined,
                    (System.nanoTime() - t0) / 1e9);

            // Every other member of that epoch, the newcomer included, convicts the culprit itself.
            List<LocalGroup.Node> honest = group.allNodes().stream().filter(n -> n.index() != CULPRIT
                    && withNewcomer.hasMember(addressOf(n, founding))).toList();
            assertThat(honest).hasSize(withNewcomer.members().size() - 1);
            for (LocalGroup.Node n : honest) {
                JsonNode m = MisbehaviourStory.await(api, n, v -> MisbehaviourStory.find(v.get("convictions"),
                        "culprit", culprit).filter(c -> c.path("evidenceKind").asText()
                        .equals("InvalidShareEvidence")).isPresent()
                        && MisbehaviourStory.find(v.get("exclusions"), "member", culprit).isPresent() ? v : null,
                        Duration.ofMinutes(2), n.name() + " to convict the culprit of a bad sub-share");
                assertThat(MisbehaviourStory.find(m.get("exclusions"), "member", culprit).orElseThrow().path("cause")
                        .asText()).isEqualTo("CONVICTED");
                assertThat(m.get("falseAccusations")).as("nobody honest is accused at %s", n.name()).isEmpty();
            }

            // The group reshares without it: the registry's next epoch leaves it out, same key.
            long excluded = MembershipStory.await(() -> MembershipStory.firstEpoch(registry, joined,
                    r -> !r.hasMember(culprit)), Duration.ofMinutes(4), "an epoch without the culprit",
                    () -> MembershipStory.views(group));
            EpochRecord without = registry.epoch(excluded);
            assertThat(without.groupPublicKey()).isEqualTo(key64);
            assertThat(without.members()).containsExactlyInAnyOrderElementsOf(withNewcomer.members().stream()
                    .filter(m -> !m.equals(culprit)).toList());
            assertThat(registry.leaveRequestedIn(culprit)).as("excluded, never asked to leave").isZero();
            System.out.printf("reshare fault: exclusion recorded as epoch %d %.1f s into the story%n", excluded,
                    (System.nanoTime() - t0) / 1e9);

            // Its stake goes to the forfeiture output on bcoin, then the confiscation is recorded on the registry.
            String txid = MisbehaviourStory.await(api, honest.get(0), v -> MisbehaviourStory.find(
                    v.get("confiscations"), "member", culprit).filter(x -> x.hasNonNull("bitcoinTxid"))
                    .map(x -> x.get("bitcoinTxid").asText()).orElse(null), Duration.ofMinutes(3),
                    "the culprit's confiscation to be broadcast");
            MisbehaviourStory.assertStakeForfeitedOnBcoin(env, group, txid, stake);
            for (LocalGroup.Node n : honest) {
                MisbehaviourStory.await(api, n, v -> MisbehaviourStory.find(v.get("confiscations"), "member", culprit)
                        .filter(x -> x.path("state").asText().equals("RECORDED")).orElse(null), Duration.ofMinutes(3),
                        n.name() + " to see the confiscation recorded");
            }
            assertThat(registry.confiscated(culprit)).as("confiscated on the registry").isTrue();
            ConfiscationRecord rec = registry.confiscationRecord(culprit).orElseThrow();
            assertThat(rec.confiscationTxid()).isEqualTo(txid);
            assertThat(rec.stake()).isEqualTo(stake);
            System.out.printf("reshare fault: stake confiscated (%s) and recorded %.1f s into the story%n", txid,
                    (System.nanoTime() - t0) / 1e9);

            // The rest of the group signs under the unchanged key.
            long now = registry.currentEpoch();
            EpochRecord last = registry.epoch(now);
            assertThat(last.hasMember(culprit)).isFalse();
            GroupApi.Heartbeat beat = MembershipStory.heartbeat(api, honest.get(0), now, last.members().size(),
                    Duration.ofMinutes(3));
            assertThat(beat.responders()).doesNotContain(CULPRIT).contains(candidate.index());
            MembershipStory.assertSignedByGroup(beat, groupKey);
            System.out.printf("reshare fault story: %.1f s (epoch %d, %d members, signing under the same key)%n",
                    (System.nanoTime() - t0) / 1e9, now, last.members().size());
            Books.assertSettled("after the reshare fault's confiscation", env, group,
                    Books.membersOf(group, founding, last), Duration.ofMinutes(2), "stake-spent:" + stake);
        }
    }

    static String addressOf(LocalGroup.Node n, FoundingSetFile founding) {
        if (n.index() <= founding.founders().size()) {
            return founding.founders().member(n.index()).address();
        }
        return FounderCard.read(n.baseDir().resolve("data").resolve(FounderCard.FILE)).identityAddress()
                .toLowerCase(Locale.ROOT);
    }

    private static org.bitcoinj.script.Script groupScript(String groupKey) {
        return org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(
                HexFormat.of().parseHex(groupKey)));
    }

    /** A candidacy registered from its own funded account and signed by its identity key, as a node would. */
    private static Candidacy register(ItEnvironment env, String registryAddress, ECKeyPair identity, Outpoint stake) {
        String account = Credentials.create(identity).getAddress();
        env.devnet().fundEvm(account, BigInteger.TEN.pow(18));
        Candidacy c = new Candidacy(Eip712.publicKey64(identity), Secp256k1.mulG(new BigInteger(1,
                Secp256k1.utf8("synod-it-ecies")).mod(Secp256k1.N)), stake);
        try (EvmClient own = EvmClient.connect(env.devnet().evmRpcUrl(), env.devnet().evmChainId(),
                Credentials.create(identity))) {
            EvmMembershipRegistry r = new EvmMembershipRegistry(own, registryAddress);
            r.registerCandidate(c, Eip712.sign(r.candidacyDigest(c), identity));
        }
        return c;
    }
}
