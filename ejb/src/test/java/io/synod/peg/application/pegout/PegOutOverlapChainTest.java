package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PayoutInputAction;
import io.synod.peg.domain.pegout.PayoutTerms;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.pegout.BcoinGroupCoins;
import io.synod.peg.infrastructure.pegout.InMemoryPegOutStore;
import io.synod.shared.domain.Satoshis;

/**
 * Payouts when proposers overlap or a batch goes stale, on the devnet's bcoin and anvil with a group signing in
 * process (t = 1, so 3 approvals of the same target are needed at four members, 4 at five): a redemption is paid by one transaction only, and
 * the peg-out does not wedge. Each member judges from its own store and its own view of the chains.
 */
class PegOutOverlapChainTest {

    /** Height tolerance 3: a batch made 4 blocks ago is refused by a member that never approved it. */
    private static PegOutPolicy policy() {
        return new PegOutPolicy(2, 1, new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
                new WithdrawalLimits(Satoshis.of(5_000_000), Satoshis.of(10_000_000), 5, 20), 2, 4, 3,
                Duration.ofSeconds(60));
    }

    private static long redeemFinal(PegOutHarness h, EvmClient user, long amount, Script to) {
        long seq = h.redeem(user, amount, to);
        h.pollAll();
        h.mineSidechain(2);
        h.pollAll();
        for (PegOutHarness.Member m : h.members.values()) {
            assertThat(m.store.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.QUEUED);
        }
        return seq;
    }

    /** Four members (any three sign), {@code coins} group coins of 1 M sat, one redemption of 200 k sat final at all. */
    private record Redeemed(PegOutHarness h, Script to, long seq) {
    }

    private static Redeemed fourMembersAndARedemption(int coins) {
        PegOutHarness h = new PegOutHarness(policy(), 4, i -> new InMemoryPegOutStore());
        h.fundGroup(1_000_000, coins);
        EvmClient user = h.user(500_000);
        Script to = PegOutHarness.randomP2wpkh();
        return new Redeemed(h, to, redeemFinal(h, user, 200_000, to));
    }

    private static PayoutBatch batchOf(PegOutHarness.Member m, long seq) {
        return m.store.batch(m.store.redemption(seq).orElseThrow().batchId().getAsLong()).orElseThrow();
    }

    /** What the redeemer's script holds on chain (confirmed), by transaction: paid once means one entry. */
    private static List<String> paymentsTo(PegOutHarness h, Script to) {
        return new BcoinGroupCoins(h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword(),
                h.devnet.bitcoinNetwork().address(to), PegOutHarness.HEX.formatHex(to.program())).confirmed().stream()
                .map(c -> c.utxo().outpoint().txid().hex()).toList();
    }

    private static Utxo coin(PegOutHarness h, Outpoint op) {
        return h.coins().confirmed().stream().map(c -> c.utxo()).filter(u -> u.outpoint().equals(op)).findFirst()
                .orElseThrow();
    }

    @Test
    void aBatchNeverSignedIsRebuiltPastTheHeightToleranceSpendingItsInputsAndPaidOnce() throws Exception {
        PegOutHarness h = new PegOutHarness(policy());
        h.fundGroup(1_000_000, 2);
        EvmClient user = h.user(500_000);
        Script to = PegOutHarness.randomP2wpkh();
        long seq = redeemFinal(h, user, 200_000, to);
        PegOutHarness.Member first = h.member(1);
        PegOutHarness.Member second = h.member(2);
        PegOutHarness.Member late = h.member(3);

        // Member 3 is down: the batch gathers two approvals of three and stays BUILT.
        h.group.offline(3);
        PegOutProposer proposer = h.proposer();
        PegOutProposer.Report unsigned = proposer.step();
        assertThat(unsigned.events()).as(unsigned.events().toString()).anySatisfy(e -> assertThat(e).contains("not signed"));
        PayoutBatch stale = batchOf(first, seq);
        assertThat(stale.state()).isEqualTo(BatchState.BUILT);
        assertThat(second.store.batch(stale.id())).as("member 2 approved it").isPresent();
        assertThat(late.store.batch(stale.id())).isEmpty();

        // Past the height tolerance, member 3 would refuse the stale batch for good.
        h.devnet.mineBitcoin(policy().heightTolerance() + 1);
        long tip = h.devnet.bitcoinRpc().getBlockCount().value();

        // A replacement that does not spend the stale batch's inputs could confirm next to it: refused by the members
        // that approved the stale one (whoever might hold signatures for it).
        Set<Outpoint> staleInputs = new HashSet<>(BatchConflicts.inputs(stale));
        Utxo other = h.coins().confirmed().stream().map(c -> c.utxo()).filter(u -> !staleInputs.contains(u.outpoint()))
                .findFirst().orElseThrow();
        Transaction apart = PayoutTerms.payout(List.of(other), List.of(first.store.redemption(seq).orElseThrow().request()),
                FeeRate.satPerVbyte(1), h.groupScript, FeeRate.satPerVbyte(20));
        PayoutInputAction apartAction = new PayoutInputAction(50, 0, tip, 1_000, List.of(seq), apart.serialize(), 0);
        for (PegOutHarness.Member m : List.of(first, second)) {
            assertThatThrownBy(() -> new PayoutVerifier(m.view).approve(apartAction.encode()))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining("must spend one of its inputs");
        }
        assertThatThrownBy(() -> h.group.sign(apartAction, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
        assertThat(first.store.batch(50)).isEmpty();

        // Member 3 returns and fees rose (the proposer's estimate is now 2 sat/vB). The proposer tries the stale batch
        // once more (member 3 refuses it), then rebuilds it at the tip over the same input: every member approves.
        h.group.online(3);
        PegOutPolicy risen = new PegOutPolicy(2, 1, new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(20), 6),
                policy().limits(), 2, 4, 3, Duration.ofSeconds(60));
        PegOutProposer proposerNow = new PegOutProposer(new MemberView(first.store, h.devnet.bitcoinRpc(),
                first.view.sidechain(), h.group::groupPublicKey, risen), h.group, h.coins(), h.devnet.bitcoinBroadcaster(),
                first.ledger);
        PegOutProposer.Report rebuilt = proposerNow.step();
        assertThat(rebuilt.events()).as(rebuilt.events().toString())
                .anySatisfy(e -> assertThat(e).contains("rebuilt at " + tip))
                .anySatisfy(e -> assertThat(e).contains("broadcast"));
        PayoutBatch rebuild = batchOf(first, seq);
        assertThat(rebuild.id()).isNotEqualTo(stale.id());
        assertThat(rebuild.createdHeight()).isEqualTo(tip);
        assertThat(rebuild.feeRateSatPerKvB()).isEqualTo(2_000);
        assertThat(rebuild.state()).isEqualTo(BatchState.BROADCAST);
        assertThat(BatchConflicts.inputs(rebuild)).as("the rebuild spends the stale batch's inputs")
                .containsAll(staleInputs);
        for (PegOutHarness.Member m : h.members.values()) {
            assertThat(m.store.batch(rebuild.id()).orElseThrow().txid()).isEqualTo(rebuild.txid());
            assertThat(m.store.redemption(seq).orElseThrow().batchId()).hasValue(rebuild.id());
        }
        for (PegOutHarness.Member m : List.of(first, second)) {
            assertThat(m.store.batch(stale.id()).orElseThrow().state()).isEqualTo(BatchState.SUPERSEDED);
        }
        // The stale batch is never signed again: a member that superseded it refuses it.
        Transaction staleTx = Transaction.read(java.nio.ByteBuffer.wrap(stale.unsignedTx()));
        PayoutInputAction again = new PayoutInputAction(stale.id(), 0, stale.createdHeight(), stale.feeRateSatPerKvB(),
                stale.sequences(), staleTx.serialize(), 0);
        assertThatThrownBy(() -> new PayoutVerifier(second.view).approve(again.encode()))
                .isInstanceOf(ActionRefused.class).hasMessageContaining("already belongs to batch " + rebuild.id());

        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(first.store.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(paymentsTo(h, to)).containsExactly(rebuild.txid());
        assertThat(h.devnet.bitcoinRpc().getRawTransactionVerbose(new io.synod.chain.bitcoin.Txid(stale.txid())))
                .as("the stale payout never reached the chain").isEmpty();
        assertThat(first.ledger.balance(Account.PAID_TO_REDEEMERS).value()).isEqualTo(200_000);
        assertThat(h.invariants().violations()).isEmpty();
    }

    @Test
    void overlappingProposersCannotBothGetABatchOfTheSameRedemptionSigned() throws Exception {
        Redeemed r = fourMembersAndARedemption(1);
        PegOutHarness h = r.h();

        // Proposer 1's batch is approved by members 1 and 2 only (3 and 4 are down): not signed, not on chain.
        h.group.offline(3);
        h.group.offline(4);
        h.proposer().step();
        PayoutBatch first = batchOf(h.member(1), r.seq());
        assertThat(first.state()).isEqualTo(BatchState.BUILT);
        assertThat(h.member(2).store.batch(first.id())).isPresent();

        // Proposer 1 looks slow; member 4 takes over. A larger coin arrived meanwhile, so it picks another input.
        h.fundGroup(3_000_000, 1);
        h.group.offline(1);
        h.group.online(3);
        h.group.online(4);
        PegOutProposer.Report takeover = h.proposer(h.member(4)).step();
        PayoutBatch second = batchOf(h.member(4), r.seq());
        assertThat(BatchConflicts.sharesInput(second, BatchConflicts.inputs(first))).isFalse();
        // Members 3 and 4 approve it (they never saw the first), member 2 refuses: it could confirm next to the first.
        assertThat(takeover.events()).as(takeover.events().toString())
                .anySatisfy(e -> assertThat(e).contains("not signed").contains("must spend one of its inputs"));
        assertThat(h.member(3).store.batch(second.id()).map(PayoutBatch::txid)).hasValue(second.txid());
        assertThat(h.devnet.bitcoinRpc().getRawMempool()).extracting(t -> t.hex())
                .doesNotContain(first.txid(), second.txid());

        // A takeover batch that spends the first batch's input is safe (at most one of the two can confirm): member 2
        // approves that one.
        Transaction conflicting = PayoutTerms.payout(List.of(coin(h, BatchConflicts.inputs(first).get(0))),
                List.of(h.member(2).store.redemption(r.seq()).orElseThrow().request()), FeeRate.satPerVbyte(1),
                h.groupScript, FeeRate.satPerVbyte(20));
        PayoutInputAction replacing = new PayoutInputAction(40, 0, h.devnet.bitcoinRpc().getBlockCount().value(), 1_000,
                List.of(r.seq()), conflicting.serialize(), 0);
        new PayoutVerifier(h.member(2).view).approve(replacing.encode());
        assertThat(h.member(2).store.batch(first.id()).orElseThrow().state()).isEqualTo(BatchState.SUPERSEDED);
        assertThat(h.member(2).store.redemption(r.seq()).orElseThrow().batchId()).hasValue(40);
        assertThat(paymentsTo(h, r.to())).isEmpty();
    }

    /**
     * The crash-and-withhold attack of the threat model at n = 5, t = 1 (n > 3t+1), with every member's own
     * {@link PayoutVerifier}: a payout input needs 4 approvals of 5 (docs/protocol.md, "Approval quorum"). With 2t+1 =
     * 3 the proposer's batch approved by members 1-3 and a takeover's batch approved by the colluder 3 and members 4-5
     * would both be signed, paying the redemption twice; now neither is.
     */
    @Test
    void atFiveMembersAPayoutNeedsFourApprovalsSoACrashAndWithholdCannotPayTwice() throws Exception {
        long t0 = System.nanoTime();
        PegOutHarness h = new PegOutHarness(policy(), 5, i -> new InMemoryPegOutStore());
        h.fundGroup(1_000_000, 1);
        EvmClient user = h.user(600_000);

        // One member down (t = 1): four approve, the payout is signed, broadcast and paid once. (Member 4 will find it
        // on the chain when it takes over below.)
        Script paidTo = PegOutHarness.randomP2wpkh();
        long paidSeq = redeemFinal(h, user, 200_000, paidTo);
        h.group.offline(4);
        PegOutProposer.Report signed = h.proposer().step();
        assertThat(signed.events()).as(signed.events().toString()).anySatisfy(e -> assertThat(e).contains("broadcast"));
        PayoutBatch paid = batchOf(h.member(1), paidSeq);
        h.devnet.mineBitcoin(1);
        h.proposer().step();
        assertThat(paymentsTo(h, paidTo)).containsExactly(paid.txid());

        // Two down: the batch of the next redemption gathers members 1-3 only. 2t+1 = 3 would have signed it.
        Script to = PegOutHarness.randomP2wpkh();
        long seq = redeemFinal(h, user, 200_000, to);
        h.group.offline(5);
        PegOutProposer.Report three = h.proposer().step();
        assertThat(three.events()).as(three.events().toString()).anySatisfy(e -> assertThat(e).contains("not signed")
                .contains("3 members approved the same target, 4 needed"));
        PayoutBatch first = batchOf(h.member(1), seq);
        assertThat(first.state()).isEqualTo(BatchState.BUILT);

        // Proposer 1 crashes; 4 and 5 are back; member 3 colludes, answering as a member that never saw the first
        // batch; member 4 takes over with another coin. Member 2 refuses (the second could confirm next to the first):
        // three approvals again, and no second batch either.
        h.group.offline(1);
        h.group.online(4);
        h.group.online(5);
        h.fundGroup(3_000_000, 1);
        MemberView honest3 = h.member(3).view;
        h.member(3).view = h.member(5).view;
        PegOutProposer.Report takeover = h.proposer(h.member(4)).step();
        h.member(3).view = honest3;
        PayoutBatch second = batchOf(h.member(4), seq);
        assertThat(BatchConflicts.sharesInput(second, BatchConflicts.inputs(first))).isFalse();
        assertThat(takeover.events()).as(takeover.events().toString()).anySatisfy(e -> assertThat(e)
                .contains("not signed").contains("3 members approved the same target, 4 needed")
                .contains("must spend one of its inputs"));
        assertThat(h.devnet.bitcoinRpc().getRawMempool()).extracting(t -> t.hex())
                .doesNotContain(first.txid(), second.txid());
        h.devnet.mineBitcoin(1);
        assertThat(paymentsTo(h, to)).isEmpty();
        System.out.printf("payout quorum at five members over bcoin and anvil: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aFollowerTurnedProposerAdoptsAPayoutItMissedInsteadOfBatchingItsRedemptionsAgain() throws Exception {
        Redeemed r = fourMembersAndARedemption(2);
        PegOutHarness h = r.h();

        // Member 4 is down while members 1-3 sign the batch; it is mined, but proposer 1 stops before completing it.
        h.group.offline(4);
        h.proposer().step();
        PayoutBatch paid = batchOf(h.member(1), r.seq());
        assertThat(paid.state()).isEqualTo(BatchState.BROADCAST);
        h.devnet.mineBitcoin(1);
        h.group.online(4);
        PegOutHarness.Member next = h.member(4);
        assertThat(next.store.redemption(r.seq()).orElseThrow().batchId()).as("member 4 never saw the batch").isEmpty();

        // Member 4 takes over: its own memory says the redemption waits, the chain says it is paid.
        PegOutProposer takeover = h.proposer(next);
        PegOutProposer.Report report = takeover.step();
        assertThat(report.events()).as(report.events().toString())
                .anySatisfy(e -> assertThat(e).contains("adopted from the chain").contains(paid.txid()))
                .noneSatisfy(e -> assertThat(e).contains("built for"));
        PayoutBatch adopted = batchOf(next, r.seq());
        assertThat(adopted.txid()).isEqualTo(paid.txid());
        assertThat(next.store.redemption(r.seq()).orElseThrow().status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(next.ledger.balance(Account.PAID_TO_REDEEMERS).value()).isEqualTo(200_000);
        assertThat(h.deployment.redemption().requests(java.math.BigInteger.valueOf(r.seq())).send().component5())
                .isEqualTo(new io.synod.chain.bitcoin.Txid(paid.txid()).displayBytes());

        h.devnet.mineBitcoin(1);
        assertThat(takeover.step().events()).as("nothing left to do").isEmpty();
        assertThat(paymentsTo(h, r.to())).containsExactly(paid.txid());
        assertThat(next.store.batches(java.util.EnumSet.allOf(BatchState.class))).hasSize(1);
    }
}
