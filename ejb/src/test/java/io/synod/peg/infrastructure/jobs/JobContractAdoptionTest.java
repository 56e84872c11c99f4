package io.synod.peg.infrastructure.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.evm.GroupJobsDeployment;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.peg.application.jobs.GroupJobsView;
import io.synod.peg.application.jobs.HeaderRelayVerifier;
import io.synod.peg.application.jobs.ReserveAttestationVerifier;
import io.synod.peg.application.pegout.PegOutHarness;
import io.synod.peg.domain.jobs.HeaderRelayAction;
import io.synod.peg.domain.jobs.ReserveAttestationAction;

/**
 * How a server member comes to know the group-job contracts: it adopts the one the first proposal names only after
 * its own node shows the genuine code bound to the group's registry (and, for a relay, a best header on its own
 * chain), keeps it across a restart (the file), and refuses any other contract afterwards. On anvil and bcoin.
 */
class JobContractAdoptionTest {

    @TempDir
    Path dir;
    private PegOutHarness h;
    private BlockRef checkpoint;

    @BeforeEach
    void setUp() {
        h = new PegOutHarness(PegOutHarness.roomyPolicy());
        long tip = h.devnet.bitcoinRpc().getBlockCount().value();
        checkpoint = new BlockRef(BlockHeight.of(tip - 3), h.devnet.bitcoinRpc().getBlockHash(BlockHeight.of(tip - 3)));
    }

    private GroupJobsView view(JobContracts known) {
        PegOutHarness.Member m = h.proposerMember();
        return new GroupJobsView(h.devnet.bitcoinRpc(), h.coins(), h.groupScript,
                new Web3jGroupJobsSidechain(m.client, h.deployment.addresses(), known), 1, 5, 50);
    }

    private JobContractCheck check() {
        return new JobContractCheck(h.proposerMember().client, h.deployment.addresses(), h.devnet.bitcoinRpc());
    }

    @Test
    void aMemberAdoptsTheProposersGenuineContractsOnceAndRefusesLookAlikesAndOthers() throws Exception {
        GroupJobsDeployment jobs = GroupJobsDeployment.deploy(h.operator, h.deployment, checkpoint);
        JobContracts proposerKnows = new JobContracts(dir.resolve("proposer/group-jobs.properties"));
        proposerKnows.adoptReserveAttestation(jobs.addresses().reserveAttestation());
        proposerKnows.adoptHeaderRelay(jobs.addresses().headerRelay());
        h.fundGroup(700_000, 1);
        h.devnet.mineBitcoin(5);
        var runner = new io.synod.peg.application.jobs.GroupJobRunner(view(proposerKnows), h.group,
                java.time.Duration.ofSeconds(60));
        ReserveAttestationAction attestation = runner.attestReserves(new ArrayList<>()).orElseThrow();
        HeaderRelayAction relay = runner.relayHeaders().orElseThrow();

        // A member that knows no contract yet checks and adopts the proposer's.
        Path memberFile = dir.resolve("member/group-jobs.properties");
        JobContracts member = new JobContracts(memberFile);
        GroupJobsView memberView = view(member);
        ActionVerifier reserves = AdoptingJobVerifier.reserveAttestation(new ReserveAttestationVerifier(memberView),
                member, check());
        ActionVerifier headers = AdoptingJobVerifier.headerRelay(new HeaderRelayVerifier(memberView), member, check());
        assertThat(reserves.approve(attestation.encode()).digest()).hasSize(32);
        assertThat(headers.approve(relay.encode()).digest()).hasSize(32);
        JobContracts restarted = new JobContracts(memberFile);
        assertThat(restarted.reserveAttestation()).contains(jobs.addresses().reserveAttestation());
        assertThat(restarted.headerRelay()).contains(jobs.addresses().headerRelay());

        // Another genuine relay (anchored on this chain) proposed later is not this member's contract.
        GroupJobsDeployment second = GroupJobsDeployment.deploy(h.operator, h.deployment, checkpoint);
        HeaderRelayAction elsewhere = new HeaderRelayAction(second.addresses().headerRelay(), relay.parentHash(),
                relay.headers(), relay.epoch());
        assertThatThrownBy(() -> headers.approve(elsewhere.encode())).isInstanceOf(ActionRefused.class)
                .hasMessageContaining("is not this member's relay contract");

        // A fresh member: a look-alike address (the token's code) and a relay anchored off its chain are refused and
        // not adopted.
        JobContracts fresh = new JobContracts(dir.resolve("fresh/group-jobs.properties"));
        GroupJobsView freshView = view(fresh);
        ActionVerifier freshReserves = AdoptingJobVerifier.reserveAttestation(new ReserveAttestationVerifier(freshView),
                fresh, check());
        ReserveAttestationAction lookAlike = new ReserveAttestationAction(h.deployment.addresses().token(),
                attestation.bitcoinHeight(), attestation.bitcoinBlockHash(), attestation.reserves(),
                attestation.wrappedSupply(), attestation.sidechainBlock(), attestation.epoch(), attestation.coins());
        assertThatThrownBy(() -> freshReserves.approve(lookAlike.encode())).isInstanceOf(ActionRefused.class)
                .hasMessageContaining("does not hold the group's reserve attestation code");
        GroupJobsDeployment offChain = GroupJobsDeployment.deploy(h.operator, h.deployment, new BlockRef(
                checkpoint.height(), new BlockHash(HexFormat.of().formatHex(PegOutHarness.random32()))));
        ActionVerifier freshHeaders = AdoptingJobVerifier.headerRelay(new HeaderRelayVerifier(freshView), fresh, check());
        HeaderRelayAction offChainRelay = new HeaderRelayAction(offChain.addresses().headerRelay(), relay.parentHash(),
                relay.headers(), relay.epoch());
        assertThatThrownBy(() -> freshHeaders.approve(offChainRelay.encode())).isInstanceOf(ActionRefused.class)
                .hasMessageContaining("is not this member's block");
        assertThat(fresh.reserveAttestation()).isEmpty();
        assertThat(fresh.headerRelay()).isEmpty();
    }
}
