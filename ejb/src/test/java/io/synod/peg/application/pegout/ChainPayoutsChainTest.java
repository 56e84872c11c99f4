package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.LogFollower;
import io.synod.chain.evm.SynodDeployment;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.memory.InMemoryLedger;
import io.synod.peg.infrastructure.pegout.InMemoryPegOutStore;
import io.synod.peg.infrastructure.pegout.Web3jSidechainRedemptions;
import io.synod.shared.domain.Satoshis;

/**
 * Books that stay identical whoever voted: a payout that was stuck, fee-bumped and confirmed is booked by the
 * proposer, by a member that approved it and its bump (following the chain), and by a member that saw the burn but
 * never voted (it books the payout and the bump from the sidechain's completion record and the blocks alone). On the
 * devnet's bcoin and anvil, signing in process.
 */
class ChainPayoutsChainTest {

    @Test
    void aMemberThatMissedThePayoutAndBumpVotesBooksBothFromTheChainsLikeTheProposer() throws Exception {
        PegOutHarness h = new PegOutHarness(new PegOutPolicy(2, 1, new FeePolicy(FeeRate.satPerVbyte(1),
                FeeRate.satPerVbyte(20), 6), new WithdrawalLimits(Satoshis.of(5_000_000), Satoshis.of(10_000_000), 5,
                20), 2, 4, 3, Duration.ofSeconds(60)));
        // A member that follows the sidechain like the others but takes part in no vote.
        InMemoryPegOutStore lateStore = new InMemoryPegOutStore();
        InMemoryLedger lateLedger = new InMemoryLedger();
        EvmClient lateClient = h.client(PegOutHarness.key());
        MemberView late = new MemberView(lateStore, h.devnet.bitcoinRpc(), new Web3jSidechainRedemptions(lateClient,
                SynodDeployment.attach(lateClient, h.deployment.addresses())), h.group::groupPublicKey, h.policy);
        RedemptionIntake lateIntake = new RedemptionIntake(lateStore, lateLedger,
                h.deployment.addresses().redemption(), h.policy.sidechainFinality());
        LogFollower lateFollower = new LogFollower(lateClient.web3j(), Set.of(h.deployment.addresses().redemption()), 0,
                64, h.head(), new MemoryCursorStore<>());

        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        long seq = h.redeem(user, 400_000, PegOutHarness.randomP2wpkh());
        h.mineSidechain(2);
        h.pollAll();
        lateFollower.poll(lateIntake);
        lateIntake.queueFinal(late.sidechain().head());
        assertThat(lateStore.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.QUEUED);

        // Stuck at 1 sat/vB while miners want 3, bumped, then mined and completed by the proposer.
        PegOutProposer proposer = h.proposer();
        proposer.step();
        PayoutBatch batch = h.proposerMember().store.batches(Set.of(io.synod.peg.domain.pegout.BatchState.values()))
                .get(0);
        FeeMarketMiner miner = new FeeMarketMiner(h.devnet.bitcoinRpc(), FeeRate.satPerVbyte(3));
        miner.mine();
        proposer.step();
        miner.mine();
        proposer.step();
        PayoutBatch bumped = h.proposerMember().store.batch(batch.id()).orElseThrow();
        assertThat(bumped.bumps()).hasSize(1);
        assertThat(miner.mine()).contains(batch.txid(), bumped.bumps().get(0).txid());
        proposer.step();
        assertThat(h.proposerMember().store.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.COMPLETED);
        long fees = h.proposerMember().ledger.balance(Account.FEES).value();
        assertThat(fees).as("the group bore the bump").isEqualTo(bumped.bumps().get(0).fee()).isPositive();

        // A member that approved both follows the chain and books the bump as the proposer did.
        PegOutHarness.Member follower = h.members.values().stream().skip(1).findFirst().orElseThrow();
        new PegOutProposer(follower.view, h.group, h.coins(), h.devnet.bitcoinBroadcaster(), follower.ledger).follow();
        assertThat(follower.ledger.balances()).isEqualTo(h.proposerMember().ledger.balances());

        // The member that never voted: nothing in its store about the batch, yet the same payout and bump entries.
        assertThat(lateStore.redemption(seq).orElseThrow().batchId()).isEmpty();
        ChainPayouts chain = new ChainPayouts(late, lateLedger);
        List<String> booked = chain.adopt();
        assertThat(booked).singleElement().asString().contains(batch.txid());
        assertThat(lateStore.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.COMPLETED);
        // Its books held only the burn: now the payout and the bump too, with the proposer's figures.
        assertThat(lateLedger.balance(Account.PAID_TO_REDEEMERS)).isEqualTo(Satoshis.of(400_000))
                .isEqualTo(h.proposerMember().ledger.balance(Account.PAID_TO_REDEEMERS));
        assertThat(lateLedger.balance(Account.FEES)).isEqualTo(h.proposerMember().ledger.balance(Account.FEES));
        assertThat(chain.adopt()).as("booked once").isEmpty();
    }
}
