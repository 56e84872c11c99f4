package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PayoutInputAction;
import io.synod.peg.domain.pegout.PayoutTerms;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.pegout.JdbcPegOutStore;
import io.synod.peg.infrastructure.persistence.PegDatabase;
import io.synod.shared.domain.Satoshis;

/**
 * Peg-out end to end on the devnet's bcoin and anvil with a three-member group signing in process: every payout
 * input and completion is approved by each member's own verifier against its own store and nodes.
 */
class PegOutChainTest {

    private static PegOutPolicy policy(long cap) {
        return new PegOutPolicy(2, 1, new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
                new WithdrawalLimits(Satoshis.of(Math.min(cap, 5_000_000)), Satoshis.of(cap), 5, 20), 2, 4, 3,
                Duration.ofSeconds(60));
    }

    private static TrackedRedemption status(PegOutHarness h, long seq) {
        return h.proposerMember().store.redemption(seq).orElseThrow();
    }

    /** Burns, lets every member follow the burn to finality, and returns the sequence. */
    private static long redeemFinal(PegOutHarness h, EvmClient user, long amount, Script to) {
        long seq = h.redeem(user, amount, to);
        h.pollAll();
        assertThat(status(h, seq).status()).as("seen, not yet final").isEqualTo(RedemptionStatus.REQUESTED);
        h.mineSidechain(2);
        h.pollAll();
        assertThat(status(h, seq).status()).isEqualTo(RedemptionStatus.QUEUED);
        return seq;
    }

    private static Transaction confirmedTx(PegOutHarness h, String txid) {
        JsonNode t = h.devnet.bitcoinRpc().getRawTransactionVerbose(new Txid(txid)).orElseThrow();
        assertThat(t.path("confirmations").asInt()).isPositive();
        return Transaction.read(ByteBuffer.wrap(PegOutHarness.HEX.parseHex(t.path("hex").asText())));
    }

    @Test
    void aRedemptionIsPaidOnBitcoinConfirmedAndCompletedOnTheSidechainWithBalancedBooks() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(10_000_000));
        h.fundGroup(2_000_000, 2);
        EvmClient user = h.user(1_500_000);
        Script to = PegOutHarness.randomP2wpkh();
        long seq = redeemFinal(h, user, 600_000, to);

        PegOutProposer proposer = h.proposer();
        long started = System.nanoTime();
        PegOutProposer.Report first = proposer.step();
        // A figure for the report, not a timed assertion: finality to broadcast (batch, group signature, mempool).
        System.out.printf("peg-out: final redemption to payout in the mempool in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(status(h, seq).status()).as(first.events().toString()).isEqualTo(RedemptionStatus.BROADCAST);
        PayoutBatch batch = h.proposerMember().store.batch(status(h, seq).batchId().getAsLong()).orElseThrow();
        // Every member approved the same batch, binding the redemption to this txid in its own store.
        for (PegOutHarness.Member m : h.members.values()) {
            assertThat(m.store.batch(batch.id()).orElseThrow().txid()).isEqualTo(batch.txid());
            assertThat(m.store.redemption(seq).orElseThrow().batchId()).hasValue(batch.id());
        }
        // The node's own view of the fee equals ours.
        JsonNode entry = h.devnet.bitcoinRpc().getMempoolEntry(new Txid(batch.txid())).orElseThrow();
        assertThat(entry.path("fee").decimalValue().movePointRight(8).longValueExact()).isEqualTo(batch.fee());

        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, seq).status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(h.deployment.redemption().requests(BigInteger.valueOf(seq)).send().component5())
                .isEqualTo(new Txid(batch.txid()).displayBytes());

        Transaction paid = confirmedTx(h, batch.txid());
        assertThat(paid.getOutput(0).getScriptPubKey().program()).isEqualTo(to.program());
        assertThat(paid.getOutput(0).getValue()).isEqualTo(Coin.valueOf(600_000 - batch.fee()));
        assertThat(paid.getOutput(1).getScriptPubKey().program()).isEqualTo(h.groupScript.program());

        var books = h.proposerMember().ledger;
        assertThat(books.balance(Account.PAID_TO_REDEEMERS).value()).as("the burned amount, fee included")
                .isEqualTo(600_000);
        assertThat(books.balance(Account.FEES).value()).as("the redeemer bore the payout fee").isZero();
        assertThat(books.balance(Account.WRAPPED_SUPPLY).value()).isEqualTo(900_000);
        assertThat(h.coinsHeld()).isEqualTo(4_000_000 - 600_000);
        assertThat(h.invariants().violations()).isEmpty();
        assertThat(proposer.step().events()).as("nothing left to do").isEmpty();

        // Another member takes over as proposer: it holds the batch it approved, adopts the mined payout and
        // completes its own books, signing nothing again.
        PegOutHarness.Member next = h.members.values().stream().skip(1).findFirst().orElseThrow();
        PegOutProposer takeover = new PegOutProposer(next.view, h.group, h.coins(), h.devnet.bitcoinBroadcaster(),
                next.ledger);
        PegOutProposer.Report adopted = takeover.step();
        assertThat(adopted.events()).as(adopted.events().toString())
                .anySatisfy(e -> assertThat(e).contains("adopted from the chain"))
                .noneSatisfy(e -> assertThat(e).contains("not signed"));
        assertThat(next.store.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.COMPLETED);
        assertThat(next.store.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(next.ledger.balance(Account.PAID_TO_REDEEMERS).value()).isEqualTo(600_000);
    }

    @Test
    void aRedemptionAboveTheRollingCapWaitsInTheQueueAndIsPaidWhenTheWindowAllows() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(1_000_000));
        h.fundGroup(3_000_000, 1);
        EvmClient user = h.user(2_000_000);
        long first = redeemFinal(h, user, 700_000, PegOutHarness.randomP2wpkh());
        long second = redeemFinal(h, user, 500_000, PegOutHarness.randomP2wpkh());
        long third = redeemFinal(h, user, 100_000, PegOutHarness.randomP2wpkh());

        PegOutProposer proposer = h.proposer();
        proposer.step();
        assertThat(status(h, first).status()).isEqualTo(RedemptionStatus.BROADCAST);
        TrackedRedemption waiting = status(h, second);
        assertThat(waiting.status()).isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);
        assertThat(waiting.limitReason()).isEqualTo(LimitReason.ROLLING_CAP);
        assertThat(status(h, third).limitReason()).as("in order: not overtaking the one before")
                .isEqualTo(LimitReason.ROLLING_CAP);
        long createdAt = h.devnet.bitcoinRpc().getBlockCount().value();

        // Until the window moves past the first batch, the queue stays put (and visible).
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, first).status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(status(h, second).status()).isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);
        assertThat(h.proposerMember().store.redemptions(Set.of(RedemptionStatus.QUEUED_BY_LIMIT)))
                .extracting(TrackedRedemption::sequence).containsExactly(second, third);

        while (h.devnet.bitcoinRpc().getBlockCount().value() < createdAt + 4) {
            h.devnet.mineBitcoin(1);
        }
        proposer.step();
        assertThat(status(h, second).status()).as("window still holds the first batch")
                .isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, second).status()).isEqualTo(RedemptionStatus.BROADCAST);
        assertThat(status(h, third).status()).isEqualTo(RedemptionStatus.BROADCAST);
        assertThat(status(h, second).batchId()).isEqualTo(status(h, third).batchId());
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, second).status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(status(h, third).status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(h.invariants().violations()).isEmpty();
    }

    @Test
    void aRedemptionOverTheCapArrivingWhileABatchIsInFlightIsListedAsWaitingForTheCap() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(1_000_000));
        h.fundGroup(3_000_000, 1);
        EvmClient user = h.user(2_000_000);
        long first = redeemFinal(h, user, 700_000, PegOutHarness.randomP2wpkh());
        PegOutProposer proposer = h.proposer();
        proposer.step();
        assertThat(status(h, first).status()).isEqualTo(RedemptionStatus.BROADCAST);

        long second = redeemFinal(h, user, 500_000, PegOutHarness.randomP2wpkh());
        proposer.step();
        assertThat(status(h, first).status()).as("still in flight").isEqualTo(RedemptionStatus.BROADCAST);
        TrackedRedemption waiting = status(h, second);
        assertThat(waiting.status()).isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);
        assertThat(waiting.limitReason()).isEqualTo(LimitReason.ROLLING_CAP);
    }

    @Test
    void aStuckPayoutIsBumpedFromItsChangeAndConfirms() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(10_000_000));
        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        long seq = redeemFinal(h, user, 400_000, PegOutHarness.randomP2wpkh());
        PegOutProposer proposer = h.proposer();
        proposer.step();
        PayoutBatch batch = h.proposerMember().store.batch(status(h, seq).batchId().getAsLong()).orElseThrow();
        assertThat(batch.feeRateSatPerKvB()).isEqualTo(1_000);

        // A fee market: miners take only packages paying at least 3 sat/vB; the payout pays 1.
        FeeMarketMiner miner = new FeeMarketMiner(h.devnet.bitcoinRpc(), FeeRate.satPerVbyte(3));
        assertThat(miner.mine()).doesNotContain(batch.txid());
        proposer.step();
        assertThat(h.proposerMember().store.batch(batch.id()).orElseThrow().bumps()).as("not yet stuck long enough")
                .isEmpty();
        assertThat(miner.mine()).doesNotContain(batch.txid());
        PegOutProposer.Report bumped = proposer.step();
        PayoutBatch withBump = h.proposerMember().store.batch(batch.id()).orElseThrow();
        assertThat(withBump.bumps()).as(bumped.events().toString()).hasSize(1);
        assertThat(withBump.bumps().get(0).packageRateSatPerKvB()).isEqualTo(4_000);
        String child = withBump.bumps().get(0).txid();
        // Every member approved the child as a bump of the payout it had approved.
        for (PegOutHarness.Member m : h.members.values()) {
            assertThat(m.store.batch(batch.id()).orElseThrow().bumps()).extracting(b -> b.txid()).containsExactly(child);
        }

        List<String> mined = miner.mine();
        assertThat(mined).contains(batch.txid(), child);
        proposer.step();
        assertThat(status(h, seq).status()).isEqualTo(RedemptionStatus.COMPLETED);
        Transaction childTx = confirmedTx(h, child);
        assertThat(childTx.getInput(0).getOutpoint().hash().toString()).isEqualTo(batch.txid());
        assertThat(childTx.getOutput(0).getScriptPubKey().program()).isEqualTo(h.groupScript.program());
        assertThat(h.proposerMember().ledger.balance(Account.FEES).value()).as("the group bears the bump")
                .isEqualTo(withBump.bumps().get(0).fee());
        assertThat(h.invariants().violations()).isEmpty();
    }

    @Test
    void aRestartBetweenBroadcastAndConfirmationDoesNotPayTwice() throws Exception {
        try (PegDatabase db = new PegDatabase()) {
            List<PegDatabase.Units> databases = new ArrayList<>();
            try {
                restartBetweenBroadcastAndConfirmation(new PegOutHarness(policy(10_000_000), i -> {
                    try {
                        PegDatabase.Units u = db.fresh();
                        databases.add(u);
                        return new JdbcPegOutStore(u.dataSource());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            } finally {
                databases.forEach(PegDatabase.Units::close);
            }
        }
    }

    /** Every member keeps its state in its own PostgreSQL database: a restarted proposer finds it there. */
    private void restartBetweenBroadcastAndConfirmation(PegOutHarness h) throws Exception {
        h.fundGroup(1_000_000, 3);
        EvmClient user = h.user(1_000_000);
        Script to = PegOutHarness.randomP2wpkh();
        long seq = redeemFinal(h, user, 300_000, to);
        h.proposer().step();
        PayoutBatch before = h.proposerMember().store.batch(status(h, seq).batchId().getAsLong()).orElseThrow();
        assertThat(before.state()).isEqualTo(BatchState.BROADCAST);

        // A new proposer over the same store (the process restarted), twice, before any block.
        PegOutProposer restarted = h.proposer();
        restarted.step();
        h.proposer().step();
        assertThat(h.proposerMember().store.batches(EnumSet.allOf(BatchState.class))).hasSize(1);
        assertThat(h.devnet.bitcoinRpc().getRawMempool()).contains(new Txid(before.txid()));
        h.devnet.mineBitcoin(1);
        restarted.step();
        assertThat(status(h, seq).status()).isEqualTo(RedemptionStatus.COMPLETED);
        h.devnet.mineBitcoin(2);
        h.proposer().step();

        // The redeemer's script was paid exactly once on chain.
        var redeemer = new io.synod.peg.infrastructure.pegout.BcoinGroupCoins(h.devnet.bitcoinRpcUrl(),
                h.devnet.bitcoinRpcPassword(), h.devnet.bitcoinNetwork().address(to), PegOutHarness.HEX.formatHex(to.program()));
        assertThat(redeemer.confirmed()).singleElement()
                .satisfies(c -> assertThat(c.utxo().outpoint().txid().hex()).isEqualTo(before.txid()));
        // Signing the same redemption into any other transaction is refused by every member.
        Transaction other = PayoutTerms.payout(List.of(h.coins().confirmed().get(0).utxo()),
                List.of(status(h, seq).request()), FeeRate.satPerVbyte(2), h.groupScript, FeeRate.satPerVbyte(20));
        PayoutInputAction again = new PayoutInputAction(99, 0, h.devnet.bitcoinRpc().getBlockCount().value(), 2_000,
                List.of(seq), other.serialize(), 0);
        for (PegOutHarness.Member m : h.members.values()) {
            assertThatThrownBy(() -> new PayoutVerifier(m.view).approve(again.encode()))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining("already");
        }
        assertThat(h.invariants().violations()).isEmpty();
    }

    @Test
    void aBatchThatSkipsAnOlderRedemptionOrPaysOutOfOrderIsRefusedByEveryMember() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(10_000_000));
        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        long s1 = redeemFinal(h, user, 100_000, PegOutHarness.randomP2wpkh());
        long s2 = redeemFinal(h, user, 200_000, PegOutHarness.randomP2wpkh());
        long s3 = redeemFinal(h, user, 300_000, PegOutHarness.randomP2wpkh());
        long height = h.devnet.bitcoinRpc().getBlockCount().value();
        FeeRate rate = FeeRate.satPerVbyte(1);
        var inputs = List.of(h.coins().confirmed().get(0).utxo());
        var skipsFirst = List.of(s2, s3);
        var skipsMiddle = List.of(s1, s3);
        for (var seqs : List.of(skipsFirst, skipsMiddle)) {
            Transaction tx = PayoutTerms.payout(inputs, seqs.stream().map(q -> status(h, q).request()).toList(), rate,
                    h.groupScript, FeeRate.satPerVbyte(20));
            PayoutInputAction action = new PayoutInputAction(1, 0, height, rate.satPerKvB(), seqs, tx.serialize(), 0);
            String reason = "skips redemption " + (seqs == skipsFirst ? s1 : s2);
            for (PegOutHarness.Member m : h.members.values()) {
                assertThatThrownBy(() -> new PayoutVerifier(m.view).approve(action.encode()))
                        .isInstanceOf(ActionRefused.class).hasMessageContaining(reason);
            }
            assertThatThrownBy(() -> h.group.sign(action, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
        }
        // Paying out of order cannot even be expressed: the action's wire format takes ascending sequences only.
        assertThatThrownBy(() -> new PayoutInputAction(1, 0, height, rate.satPerKvB(), List.of(s2, s1, s3),
                new byte[] {0}, 0)).hasMessageContaining("ascending");
        assertThat(List.of(s1, s2, s3)).allSatisfy(q -> assertThat(status(h, q).batchId()).isEmpty());
        // The honest batch pays the queue from its head, in order.
        PegOutProposer proposer = h.proposer();
        proposer.step();
        PayoutBatch batch = h.proposerMember().store.batches(EnumSet.allOf(BatchState.class)).get(0);
        assertThat(batch.sequences()).containsExactly(s1, s2, s3);
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(List.of(s1, s2, s3)).allSatisfy(q -> assertThat(status(h, q).status())
                .isEqualTo(RedemptionStatus.COMPLETED));
    }

    @Test
    void aRedemptionAboveTheMaximumIsSetAsideWithoutBlockingLaterOnesAndPaidOnceReleased() throws Exception {
        PegOutHarness h = new PegOutHarness(new PegOutPolicy(2, 1,
                new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
                new WithdrawalLimits(Satoshis.of(400_000), Satoshis.of(1_000_000), 5, 20), 2, 4, 3,
                Duration.ofSeconds(60)));
        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        long oversize = redeemFinal(h, user, 600_000, PegOutHarness.randomP2wpkh());
        long later = redeemFinal(h, user, 100_000, PegOutHarness.randomP2wpkh());
        PegOutProposer proposer = h.proposer();
        proposer.step();
        assertThat(status(h, oversize).limitReason()).isEqualTo(LimitReason.OVER_MAXIMUM);
        // Every member's verifier let the later one pass the set-aside one: the queue order rule does not block it.
        assertThat(status(h, later).status()).isEqualTo(RedemptionStatus.BROADCAST);
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, later).status()).isEqualTo(RedemptionStatus.COMPLETED);
        assertThat(status(h, oversize).status()).isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);

        proposer.releaseOversize(oversize);
        proposer.step();
        assertThat(status(h, oversize).status()).isEqualTo(RedemptionStatus.BROADCAST);
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, oversize).status()).isEqualTo(RedemptionStatus.COMPLETED);
    }

    @Test
    void aTamperedPayoutIsRefusedByEveryMembersVerifier() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(10_000_000));
        h.fundGroup(1_000_000, 1);
        EvmClient user = h.user(500_000);
        long seq = redeemFinal(h, user, 200_000, PegOutHarness.randomP2wpkh());
        long height = h.devnet.bitcoinRpc().getBlockCount().value();
        FeeRate rate = FeeRate.satPerVbyte(1);
        Transaction honest = PayoutTerms.payout(List.of(h.coins().confirmed().get(0).utxo()),
                List.of(status(h, seq).request()), rate, h.groupScript, FeeRate.satPerVbyte(20));

        List<Transaction> tampered = new ArrayList<>();
        Transaction wrongScript = Transaction.read(ByteBuffer.wrap(honest.serialize()));
        wrongScript.replaceOutput(0, new org.bitcoinj.core.TransactionOutput(wrongScript,
                wrongScript.getOutput(0).getValue(), PegOutHarness.randomP2wpkh().program()));
        tampered.add(wrongScript);
        Transaction wrongAmount = Transaction.read(ByteBuffer.wrap(honest.serialize()));
        wrongAmount.replaceOutput(0, new org.bitcoinj.core.TransactionOutput(wrongAmount,
                wrongAmount.getOutput(0).getValue().add(Coin.valueOf(10_000)), wrongAmount.getOutput(0).getScriptPubKey().program()));
        tampered.add(wrongAmount);
        Transaction changeElsewhere = Transaction.read(ByteBuffer.wrap(honest.serialize()));
        changeElsewhere.replaceOutput(1, new org.bitcoinj.core.TransactionOutput(changeElsewhere,
                changeElsewhere.getOutput(1).getValue(), PegOutHarness.randomP2wpkh().program()));
        tampered.add(changeElsewhere);
        List<String> reasons = List.of("output 0 pays", "is owed", "change output does not return to the group");
        for (int i = 0; i < tampered.size(); i++) {
            PayoutInputAction action = new PayoutInputAction(1, 0, height, rate.satPerKvB(), List.of(seq),
                    tampered.get(i).serialize(), 0);
            for (PegOutHarness.Member m : h.members.values()) {
                assertThatThrownBy(() -> new PayoutVerifier(m.view).approve(action.encode()))
                        .isInstanceOf(ActionRefused.class).hasMessageContaining(reasons.get(i));
            }
            assertThatThrownBy(() -> h.group.sign(action, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
        }
        // A redemption no member has seen final, and a coin that is not the group's, are refused too.
        PayoutInputAction unknown = new PayoutInputAction(1, 0, height, rate.satPerKvB(), List.of(seq + 1000),
                honest.serialize(), 0);
        assertThatThrownBy(() -> new PayoutVerifier(h.proposerMember().view).approve(unknown.encode()))
                .isInstanceOf(ActionRefused.class).hasMessageContaining("unknown to this member");
        var foreign = h.devnet.fundBitcoin(PegOutHarness.randomP2wpkh(), io.synod.chain.bitcoin.Satoshis.of(900_000), 1);
        Transaction stolen = PayoutTerms.payout(foreign, List.of(status(h, seq).request()), rate, h.groupScript,
                FeeRate.satPerVbyte(20));
        PayoutInputAction notOurs = new PayoutInputAction(1, 0, h.devnet.bitcoinRpc().getBlockCount().value(),
                rate.satPerKvB(), List.of(seq), stolen.serialize(), 0);
        assertThatThrownBy(() -> new PayoutVerifier(h.proposerMember().view).approve(notOurs.encode()))
                .isInstanceOf(ActionRefused.class).hasMessageContaining("does not belong to the group");
        // A member's stake is paid to the group's address too, but it is owed back as itself: not a payout's input.
        PegOutHarness.Member m1 = h.proposerMember();
        MemberView stakeAware = new MemberView(m1.store, m1.view.bitcoin(), m1.view.sidechain(), m1.view.groupKey(),
                m1.view.policy(), () -> java.util.Set.of(io.synod.chain.bitcoin.Outpoint.of(honest.getInput(0).getOutpoint()).toString()));
        PayoutInputAction spendsStake = new PayoutInputAction(1, 0, height, rate.satPerKvB(), List.of(seq),
                honest.serialize(), 0);
        assertThatThrownBy(() -> new PayoutVerifier(stakeAware).approve(spendsStake.encode()))
                .isInstanceOf(ActionRefused.class).hasMessageContaining("is a member's stake");
        // Nothing was bound: the honest payout is still signed and paid.
        assertThat(status(h, seq).batchId()).isEmpty();
        PegOutProposer proposer = h.proposer();
        proposer.step();
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(status(h, seq).status()).isEqualTo(RedemptionStatus.COMPLETED);
    }

    @Test
    void fiftyRedemptionsArePaidInBatchesEachExactlyOnceWithBalancedBooks() throws Exception {
        PegOutHarness h = new PegOutHarness(policy(100_000_000));
        h.fundGroup(5_000_000, 4);
        EvmClient user = h.user(10_000_000);
        List<Script> scripts = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            scripts.add(PegOutHarness.randomP2wpkh());
            sequences.add(h.redeem(user, 100_000 + i, scripts.get(i)));
        }
        h.mineSidechain(2);
        h.pollAll();
        PegOutProposer proposer = h.proposer();
        long started = System.nanoTime();
        int rounds = 0;
        while (h.proposerMember().store.redemptions(Set.of(RedemptionStatus.COMPLETED)).size() < 50 && rounds++ < 20) {
            proposer.step();
            h.devnet.mineBitcoin(1);
        }
        proposer.step();
        long ms = (System.nanoTime() - started) / 1_000_000;
        List<PayoutBatch> batches = h.proposerMember().store.batches(EnumSet.allOf(BatchState.class));
        System.out.printf("peg-out: 50 redemptions paid and completed in %d batches, %d ms (%.0f per minute)%n",
                batches.size(), ms, 50 * 60_000.0 / ms);
        assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b.sequences().size()).isLessThanOrEqualTo(20));
        assertThat(batches.stream().flatMap(b -> b.sequences().stream()).toList())
                .containsExactlyElementsOf(sequences);
        for (int i = 0; i < 50; i++) {
            TrackedRedemption r = status(h, sequences.get(i));
            assertThat(r.status()).isEqualTo(RedemptionStatus.COMPLETED);
            Transaction paid = confirmedTx(h, h.proposerMember().store.batch(r.batchId().getAsLong()).orElseThrow().txid());
            Script to = scripts.get(i);
            assertThat(paid.getOutputs().stream().filter(o -> java.util.Arrays.equals(o.getScriptPubKey().program(),
                    to.program()))).as("redemption " + sequences.get(i) + " paid once").hasSize(1);
        }
        assertThat(h.proposerMember().ledger.balance(Account.PAID_TO_REDEEMERS).value())
                .isEqualTo(50 * 100_000 + 49 * 50 / 2);
        assertThat(h.invariants().violations()).isEmpty();
    }
}
