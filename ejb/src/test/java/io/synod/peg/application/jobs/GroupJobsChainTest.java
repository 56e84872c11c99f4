package io.synod.peg.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.GroupJobsDeployment;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.application.pegout.GroupCoins;
import io.synod.peg.application.pegout.PegOutHarness;
import io.synod.peg.domain.jobs.HeaderRelayAction;
import io.synod.peg.domain.jobs.ReserveAttestationAction;
import io.synod.peg.infrastructure.jobs.Web3jGroupJobsSidechain;
import io.synod.peg.infrastructure.node.StakeFreeCoins;
import io.synod.shared.domain.Satoshis;

/**
 * Group jobs end to end: the in-process group (three members, each recomputing from its own view) attests its
 * reserves and relays Bitcoin headers to contracts on anvil, which check the group signature.
 */
class GroupJobsChainTest {

    private static final int PERIOD = 5;
    private PegOutHarness h;
    private GroupJobsDeployment jobs;

    @BeforeEach
    void setUp() {
        h = new PegOutHarness(PegOutHarness.roomyPolicy());
        long tip = h.devnet.bitcoinRpc().getBlockCount().value();
        jobs = GroupJobsDeployment.deploy(h.operator, h.deployment,
                new BlockRef(BlockHeight.of(tip - 3), h.devnet.bitcoinRpc().getBlockHash(BlockHeight.of(tip - 3))));
        for (PegOutHarness.Member m : h.members.values()) {
            m.jobs = new GroupJobsView(h.devnet.bitcoinRpc(), h.coins(), h.groupScript, new Web3jGroupJobsSidechain(
                    m.client, GroupJobsDeployment.attach(m.client, h.deployment, jobs.addresses())), 1, PERIOD, 50);
        }
    }

    private GroupJobRunner runner(PegOutHarness.Member m) {
        return new GroupJobRunner(m.jobs, h.group, Duration.ofSeconds(60));
    }

    @Test
    void reservesAreAttestedOnScheduleByEveryMembersOwnCountAndAShortfallIsNeverSigned() throws Exception {
        h.fundGroup(1_000_000, 2);
        h.user(1_500_000);
        h.devnet.mineBitcoin(PERIOD);
        // Deterministic: every member computes the same attestation from its own nodes.
        List<ReserveAttestationAction> computed = new ArrayList<>();
        for (PegOutHarness.Member m : h.members.values()) {
            computed.add(runner(m).attestReserves(new ArrayList<>()).orElseThrow());
        }
        assertThat(computed).allSatisfy(a -> assertThat(a).isEqualTo(computed.get(0)));
        ReserveAttestationAction a = computed.get(0);
        assertThat(a.reserves()).isEqualTo(2_000_000);
        assertThat(a.wrappedSupply()).isEqualTo(1_500_000);
        assertThat(a.bitcoinHeight() % PERIOD).isZero();

        // An inflated figure, a coin that is not the group's, or another supply: every member refuses.
        List<ReserveAttestationAction> tampered = List.of(
                new ReserveAttestationAction(a.contract(), a.bitcoinHeight(), a.bitcoinBlockHash(), a.reserves() + 1,
                        a.wrappedSupply(), a.sidechainBlock(), a.epoch(), a.coins()),
                new ReserveAttestationAction(a.contract(), a.bitcoinHeight(), a.bitcoinBlockHash(), a.reserves(),
                        a.wrappedSupply() - 1, a.sidechainBlock(), a.epoch(), a.coins()),
                new ReserveAttestationAction(a.contract(), a.bitcoinHeight(), PegOutHarness.random32(), a.reserves(),
                        a.wrappedSupply(), a.sidechainBlock(), a.epoch(), a.coins()));
        List<String> reasons = List.of("the coins hold", "wrapped supply", "is not this node's block");
        for (int i = 0; i < tampered.size(); i++) {
            ReserveAttestationAction t = tampered.get(i);
            for (PegOutHarness.Member m : h.members.values()) {
                assertThatThrownBy(() -> new ReserveAttestationVerifier(m.jobs).approve(t.encode()))
                        .isInstanceOf(ActionRefused.class).hasMessageContaining(reasons.get(i));
            }
            assertThatThrownBy(() -> h.group.sign(t, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
        }

        PegOutHarness.Member proposer = h.proposerMember();
        List<String> events = runner(proposer).runDue();
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("attested reserves 2000000"));
        var latest = jobs.reserveAttestation().latest().send();
        assertThat(latest.component1()).isEqualTo(BigInteger.valueOf(a.bitcoinHeight()));
        assertThat(latest.component2()).isEqualTo(a.bitcoinBlockHash());
        assertThat(latest.component3()).isEqualTo(BigInteger.valueOf(2_000_000));
        assertThat(latest.component4()).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(runner(proposer).runDue()).as("not due again at the same height")
                .noneSatisfy(e -> assertThat(e).startsWith("attested"));

        // The contract takes only the group's signature over exactly these figures.
        byte[] digest = new Eip712(h.devnet.evmChainId()).attestReserves(jobs.addresses().reserveAttestation(),
                a.bitcoinHeight() + PERIOD, a.bitcoinBlockHash(), BigInteger.valueOf(3_000_000),
                BigInteger.valueOf(1_500_000), 1);
        byte[] stranger = Eip712.sign(digest, PegOutHarness.key());
        assertThatThrownBy(() -> jobs.reserveAttestation().attest(BigInteger.valueOf(a.bitcoinHeight() + PERIOD),
                a.bitcoinBlockHash(), BigInteger.valueOf(3_000_000), BigInteger.valueOf(1_500_000), BigInteger.ONE,
                stranger).send()).hasMessageContaining("revert");
        h.operator.resetNonce();

        // More wrapped coins than reserves: an alert, and nothing signed or posted.
        h.user(600_000);
        h.devnet.mineBitcoin(PERIOD);
        List<String> shortfall = runner(proposer).runDue();
        assertThat(shortfall).anySatisfy(e -> assertThat(e).startsWith("ALERT reserves 2000000"));
        assertThat(jobs.reserveAttestation().count().send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aMembersStakeAtTheGroupAddressIsNeverCountedAsReserves() throws Exception {
        h.fundGroup(1_000_000, 2);
        h.user(800_000);
        h.devnet.mineBitcoin(PERIOD);
        // One of the two coins is a member's stake (stakes pay the group's script too); each member's view leaves it
        // out, as the server's does with the registry's stake outpoints.
        List<GroupCoins.Coin> both = h.coins().confirmed();
        assertThat(both).hasSize(2);
        String stake = both.get(0).utxo().outpoint().toString();
        for (PegOutHarness.Member m : h.members.values()) {
            GroupJobsView v = m.jobs;
            m.jobs = new GroupJobsView(v.bitcoin(), new StakeFreeCoins(h.coins(), () -> Set.of(stake)),
                    v.groupScript(), v.sidechain(), v.confirmations(), v.reservePeriod(), v.maxHeaders());
        }
        ReserveAttestationAction a = runner(h.proposerMember()).attestReserves(new ArrayList<>()).orElseThrow();
        assertThat(a.reserves()).as("the stake backs no wrapped coin").isEqualTo(1_000_000);
        assertThat(a.coins()).extracting(Object::toString).doesNotContain(stake);

        // A proposer that lists the stake to look better covered is refused by every member.
        List<io.synod.chain.bitcoin.Outpoint> withStake = both.stream().map(c -> c.utxo().outpoint()).sorted(
                java.util.Comparator.comparing(io.synod.chain.bitcoin.Outpoint::toString)).toList();
        ReserveAttestationAction inflated = new ReserveAttestationAction(a.contract(), a.bitcoinHeight(),
                a.bitcoinBlockHash(), 2_000_000, a.wrappedSupply(), a.sidechainBlock(), a.epoch(), withStake);
        for (PegOutHarness.Member m : h.members.values()) {
            assertThatThrownBy(() -> new ReserveAttestationVerifier(m.jobs).approve(inflated.encode()))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining("a member's stake is never a reserve");
            assertThat(new ReserveAttestationVerifier(m.jobs).approve(a.encode())).isNotNull();
        }
        assertThatThrownBy(() -> h.group.sign(inflated, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
    }

    @Test
    void headersAreRelayedFromTheCheckpointAndEveryMemberRefusesHeadersItsNodeDoesNotHave() throws Exception {
        PegOutHarness.Member proposer = h.proposerMember();
        h.devnet.mineBitcoin(3);
        Optional<HeaderRelayAction> due = runner(proposer).relayHeaders();
        assertThat(due).isPresent();
        for (PegOutHarness.Member m : h.members.values()) {
            assertThat(runner(m).relayHeaders()).as("same action at every member").isEqualTo(due);
        }
        HeaderRelayAction a = due.orElseThrow();
        byte[] forged = a.headers();
        forged[forged.length - 4] ^= 1; // the last header's nonce
        HeaderRelayAction fake = new HeaderRelayAction(a.contract(), a.parentHash(), forged, a.epoch());
        for (PegOutHarness.Member m : h.members.values()) {
            assertThatThrownBy(() -> new HeaderRelayVerifier(m.jobs).approve(fake.encode()))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining("differs from this member's node");
        }
        assertThatThrownBy(() -> h.group.sign(fake, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);

        assertThat(runner(proposer).runDue()).anySatisfy(e -> assertThat(e).startsWith("relayed 6 headers"));
        long finalHeight = proposer.jobs.finalHeight();
        assertThat(jobs.headerRelay().bestHeight().send()).isEqualTo(BigInteger.valueOf(finalHeight));
        assertThat(HexFormat.of().formatHex(jobs.headerRelay().bestHash().send()))
                .isEqualTo(h.devnet.bitcoinRpc().getBlockHash(BlockHeight.of(finalHeight)).hex());

        h.devnet.mineBitcoin(2);
        assertThat(runner(proposer).runDue()).anySatisfy(e -> assertThat(e).startsWith("relayed 2 headers"));
        assertThat(jobs.headerRelay().bestHeight().send()).isEqualTo(BigInteger.valueOf(finalHeight + 2));
        assertThat(runner(proposer).relayHeaders()).as("nothing new").isEmpty();
    }
}
