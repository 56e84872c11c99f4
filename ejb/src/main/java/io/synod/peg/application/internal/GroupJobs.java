package io.synod.peg.application.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

import org.bitcoinj.script.Script;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.GroupJobsDeployment;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.peg.application.jobs.GroupJobRunner;
import io.synod.peg.application.jobs.GroupJobsView;
import io.synod.peg.application.jobs.HeaderRelayVerifier;
import io.synod.peg.application.jobs.ReserveAttestationVerifier;
import io.synod.peg.application.pegout.GroupCoins;
import io.synod.peg.infrastructure.jobs.AdoptingJobVerifier;
import io.synod.peg.infrastructure.jobs.JobContractCheck;
import io.synod.peg.infrastructure.jobs.JobContracts;
import io.synod.peg.infrastructure.jobs.Web3jGroupJobsSidechain;

/**
 * The group jobs of one member in the server. The proposer deploys the two job contracts once (the relay anchored at
 * its final Bitcoin block), then on its schedule runs what is due (header relay, proof of reserves) through the
 * group's signing. Every member judges the proposals with its own verifiers, adopting the proposer's contracts after
 * checking their code against its own node's ({@link JobContractCheck}), so a member that becomes proposer later
 * runs the jobs on the same contracts.
 */
final class GroupJobs {
    private static final Logger LOG = Logger.getLogger(GroupJobs.class.getName());

    private final JobSettings settings;
    private final EvmClient client;
    private final SynodDeployment.Addresses core;
    private final GroupJobsView view;
    private final JobContracts contracts;
    private final GroupJobRunner runner;
    private final ActionVerifier reserveAttestation;
    private final ActionVerifier headerRelay;
    private long nextRun = System.nanoTime();

    GroupJobs(JobSettings settings, EvmClient client, SynodDeployment.Addresses core, BitcoinRpcClient bitcoin,
            GroupSigning signing, GroupCoins coins, Script groupScript, Path dir, Duration signingTimeout) {
        this.settings = settings;
        this.client = client;
        this.core = core;
        this.contracts = new JobContracts(dir.resolve("group-jobs.properties"));
        this.view = new GroupJobsView(bitcoin, coins, groupScript, new Web3jGroupJobsSidechain(client, core, contracts),
                settings.confirmations(), settings.reservePeriod(), settings.maxHeaders());
        this.runner = new GroupJobRunner(view, signing, signingTimeout);
        JobContractCheck check = new JobContractCheck(client, core, bitcoin);
        this.reserveAttestation = AdoptingJobVerifier.reserveAttestation(new ReserveAttestationVerifier(view),
                contracts, check);
        this.headerRelay = AdoptingJobVerifier.headerRelay(new HeaderRelayVerifier(view), contracts, check);
    }

    /** On the proposer: deploys the contracts if none are known, then runs the due jobs, at most once per interval. */
    void runIfDue() {
        if (!settings.enabled() || System.nanoTime() - nextRun < 0) {
            return;
        }
        nextRun = System.nanoTime() + settings.interval().toNanos();
        if (contracts.reserveAttestation().isEmpty() || contracts.headerRelay().isEmpty()) {
            deploy();
        }
        for (String e : runner.runDue()) {
            if (e.startsWith("ALERT")) {
                LOG.warning(() -> "group jobs: " + e);
            } else {
                LOG.info(() -> "group jobs: " + e);
            }
        }
    }

    private void deploy() {
        BlockHeight checkpoint = BlockHeight.of(view.finalHeight());
        GroupJobsDeployment d = GroupJobsDeployment.deploy(client, SynodDeployment.attach(client, core),
                new BlockRef(checkpoint, view.bitcoin().getBlockHash(checkpoint)));
        contracts.adoptReserveAttestation(d.addresses().reserveAttestation());
        contracts.adoptHeaderRelay(d.addresses().headerRelay());
        LOG.info(() -> "group jobs: deployed reserve attestation " + d.addresses().reserveAttestation()
                + " and header relay " + d.addresses().headerRelay() + " anchored at Bitcoin block " + checkpoint.value());
    }

    ActionVerifier reserveAttestationVerifier() {
        return reserveAttestation;
    }

    ActionVerifier headerRelayVerifier() {
        return headerRelay;
    }
}
