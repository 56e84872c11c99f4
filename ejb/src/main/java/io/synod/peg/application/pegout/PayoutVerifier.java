package io.synod.peg.application.pegout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.FeeBump;
import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PayoutInputAction;
import io.synod.peg.domain.pegout.PayoutTerms;
import io.synod.peg.domain.pegout.RedemptionRequest;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.peg.domain.pegout.WithdrawalLimits;

/**
 * A member's check of a {@link PayoutInputAction}, from its own view only. For a payout: every redemption is final
 * in this member's store and in no other batch, the batch respects the withdrawal limits as this member counts
 * them, each output pays its redemption's script exactly its amount less its fee share, the last output returns the
 * change to the group, every input is a confirmed group coin on this member's node that no other unconfirmed batch
 * spends, the rate is within policy, and the transaction is byte for byte the one {@link PayoutTerms} rebuilds. For a
 * bump: the payout is one this member approved and still unconfirmed, and the child is the one it rebuilds at a
 * higher rate within the ceiling. Then it records its approval (binding those redemptions to this txid for good)
 * and returns the BIP 143 digest it computed itself.
 */
public final class PayoutVerifier implements ActionVerifier {

    private final MemberView view;
    private final PayoutEvidence evidence;

    public PayoutVerifier(MemberView view) {
        this.view = view;
        this.evidence = new PayoutEvidence(view);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REDEMPTION_PAYOUT_INPUT;
    }

    @Override
    public synchronized SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        PayoutInputAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, PayoutInputAction::decode);
        Transaction tx = ActionVerifier.decodeOrRefuse(kind(), a.unsignedTx(), b -> Transaction.read(ByteBuffer.wrap(b)));
        if (!Arrays.equals(tx.serialize(), a.unsignedTx())) {
            throw refuse("the transaction is not in canonical form");
        }
        if (a.inputIndex() >= tx.getInputs().size()) {
            throw refuse("input " + a.inputIndex() + " does not exist");
        }
        Coin spentValue = a.isBump() ? checkBump(a, tx) : checkPayout(a, tx);
        byte[] sighash = tx.hashForWitnessSignature(a.inputIndex(), view.scriptCode(), spentValue,
                Transaction.SigHash.ALL, false).getBytes();
        return SigningTarget.untweaked(sighash);
    }

    private Coin checkPayout(PayoutInputAction a, Transaction tx) throws ActionRefused {
        PegOutPolicy policy = view.policy();
        FeeRate rate = new FeeRate(a.feeRateSatPerKvB());
        if (rate.compareTo(policy.fees().floor()) < 0 || rate.compareTo(policy.ceiling()) > 0) {
            throw refuse("fee rate " + rate + " is outside the policy [" + policy.fees().floor() + ", "
                    + policy.ceiling() + "]");
        }
        Txid txid = Txid.of(tx.getTxId());
        Optional<PayoutBatch> known = view.store().batch(a.batchId());
        if (known.isPresent() && !known.get().txid().equals(txid.hex())) {
            throw refuse("batch " + a.batchId() + " was approved here as " + known.get().txid() + ", not " + txid);
        }
        boolean fresh = known.isEmpty();
        long tip = view.bitcoinTip();
        if (fresh && Math.abs(tip - a.createdHeight()) > policy.heightTolerance()) {
            throw refuse("batch height " + a.createdHeight() + " is not near this member's tip " + tip);
        }

        List<RedemptionRequest> requests = new ArrayList<>();
        long total = 0;
        for (long seq : a.sequences()) {
            TrackedRedemption r = view.store().redemption(seq)
                    .orElseThrow(() -> refuse("redemption " + seq + " is unknown to this member"));
            OptionalLong batch = r.batchId();
            if (batch.isPresent() && batch.getAsLong() != a.batchId()) {
                // Only a rebuild that conflicts with that batch may take the redemption over (checked below).
                Optional<PayoutBatch> other = view.store().batch(batch.getAsLong());
                if (!fresh || other.isEmpty() || !other.get().state().inFlight()
                        && other.get().state() != BatchState.SUPERSEDED) {
                    throw refuse("redemption " + seq + " already belongs to batch " + batch.getAsLong()
                            + other.map(o -> " (" + o.state() + ")").orElse(""));
                }
            }
            if (batch.isEmpty() && !r.status().isWaiting()) {
                throw refuse("redemption " + seq + " is " + r.status() + " here, not final and queued");
            }
            if (fresh && r.limitReason() == LimitReason.OVER_MAXIMUM) {
                throw refuse("redemption " + seq + " is above the per-redemption maximum and not released here");
            }
            requests.add(r.request());
            total += r.request().amount().value();
        }
        List<PayoutBatch> replaced = fresh ? checkConflicts(a) : List.of();
        if (fresh) {
            checkQueueOrder(a);
            checkLimits(a, total, replaced);
        }

        // Outputs: one per redemption in order, then the change to the group.
        List<TransactionOutput> outs = tx.getOutputs();
        if (outs.size() != requests.size() + 1) {
            throw refuse("the transaction has " + outs.size() + " outputs for " + requests.size()
                    + " redemptions and the change");
        }
        long in = 0;
        List<Utxo> inputs = new ArrayList<>();
        Set<Outpoint> spentHere = new HashSet<>();
        Set<String> inFlight = inputsOfOtherUnconfirmedBatches(a.batchId(), replaced);
        Coin signedValue = null;
        for (int i = 0; i < tx.getInputs().size(); i++) {
            TransactionInput input = tx.getInput(i);
            Outpoint op = Outpoint.of(input.getOutpoint());
            if (!spentHere.add(op)) {
                throw refuse("input " + op + " is spent twice");
            }
            if (inFlight.contains(op.toString())) {
                throw refuse("input " + op + " is already spent by another unconfirmed batch");
            }
            long value = groupCoinValue(op);
            in += value;
            inputs.add(new Utxo(op, Satoshis.of(value)));
            if (i == a.inputIndex()) {
                signedValue = Coin.valueOf(value);
            }
        }
        long fee = rate.feeFor(PayoutTerms.pricedVbytes(inputs.size(),
                requests.stream().map(RedemptionRequest::outputScript).toList(), view.groupScript())).value();
        long[] shares = PayoutTerms.feeShares(fee, requests);
        for (int i = 0; i < requests.size(); i++) {
            RedemptionRequest r = requests.get(i);
            TransactionOutput out = outs.get(i);
            if (!Arrays.equals(out.getScriptPubKey().program(), r.outputScript())) {
                throw refuse("output " + i + " pays " + hex(out.getScriptPubKey().program()) + ", redemption "
                        + r.sequence() + " asks for " + hex(r.outputScript()));
            }
            long expected = r.amount().value() - shares[i];
            if (out.getValue().value != expected) {
                throw refuse("output " + i + " pays " + out.getValue().value + " sat, redemption " + r.sequence()
                        + " is owed " + expected + " sat (" + r.amount().value() + " less a fee share of " + shares[i] + ")");
            }
        }
        TransactionOutput change = outs.get(outs.size() - 1);
        if (!Arrays.equals(change.getScriptPubKey().program(), view.groupScript().program())) {
            throw refuse("the change output does not return to the group's script");
        }
        Transaction expected;
        try {
            expected = PayoutTerms.payout(inputs, requests, rate, view.groupScript(), view.policy().ceiling());
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
        if (!Arrays.equals(expected.serialize(), tx.serialize())) {
            throw refuse("the transaction differs from the payout this member computes (change, fee or sequences)");
        }
        if (fresh) {
            long actualFee = in - outs.stream().mapToLong(o -> o.getValue().value).sum();
            view.store().saveBatch(PayoutBatch.built(a.batchId(), a.createdHeight(), a.feeRateSatPerKvB(),
                    a.sequences(), io.synod.shared.domain.Satoshis.of(total), tx.serialize(), txid.hex(), actualFee));
            for (long seq : a.sequences()) {
                view.store().redemption(seq).ifPresent(r -> view.store().update(r.inBatch(a.batchId())));
            }
            // The batches it replaces are never approved again here (their ids now name a superseded payout).
            for (PayoutBatch old : replaced) {
                if (old.state() != BatchState.SUPERSEDED) {
                    view.store().saveBatch(old.superseded());
                }
            }
        }
        return signedValue;
    }

    /**
     * A fresh batch paying a redemption that another batch here also pays (one this member approved or built, not
     * yet confirmed) is a rebuild of it: a proposer replacing a stale batch that never gathered its signatures, or a
     * second proposer overlapping the first. It is approved only if the two can never both confirm: the other batch
     * is not on this member's node, and either is dead (an input spent in a block by another transaction) or shares
     * an input with this one; and this one pays all of the other's redemptions, so none is left behind. A payout of
     * any of its redemptions that this member's store does not hold but its node does (mempool or recent blocks:
     * a batch it missed) refuses the batch outright. Returns the batches it replaces.
     */
    private List<PayoutBatch> checkConflicts(PayoutInputAction a) throws ActionRefused {
        BatchConflicts conflicts = new BatchConflicts(view);
        List<Outpoint> spends = BatchConflicts.inputs(a.unsignedTx());
        List<PayoutBatch> replaced = new ArrayList<>();
        for (PayoutBatch other : conflicts.sharing(a.sequences(), a.batchId())) {
            if (conflicts.onChain(other)) {
                throw refuse("batch " + other.id() + " (" + other.txid() + ") already pays redemptions "
                        + other.sequences() + " on this member's node");
            }
            if (!a.sequences().containsAll(other.sequences())) {
                throw refuse("batch " + other.id() + " also pays " + other.sequences() + ": a batch replacing it pays "
                        + "all of them");
            }
            if (!BatchConflicts.sharesInput(other, spends) && !conflicts.dead(other)) {
                throw refuse("batch " + other.id() + " (" + other.txid() + ") pays redemptions of this batch and "
                        + "could still confirm: a replacement must spend one of its inputs "
                        + BatchConflicts.inputs(other));
            }
            replaced.add(other);
        }
        List<TrackedRedemption> paying = new ArrayList<>();
        for (long seq : a.sequences()) {
            view.store().redemption(seq).ifPresent(paying::add);
        }
        for (PayoutEvidence.Found f : evidence.unknownPayoutsOf(paying)) {
            throw refuse("redemptions " + f.paid() + " are paid by " + f.txid() + " on this member's node, a payout "
                    + "this member holds no batch for");
        }
        return replaced;
    }

    /**
     * The queue is paid in sequence order (see {@link WithdrawalLimits}): a batch lists its redemptions in ascending
     * order (the action's encoding allows no other, and each output pays the redemption at its index) and is a prefix
     * of the eligible queue as this member sees it, so no older redemption that could be paid is skipped. Eligible:
     * final and waiting here, and not above the per-redemption maximum (such a one is set aside until an operator
     * releases it, without blocking the others). One this member does not yet hold as final is not in its queue.
     */
    private void checkQueueOrder(PayoutInputAction a) throws ActionRefused {
        List<Long> seqs = a.sequences(); // ascending: the action refuses any other order on decode
        long last = seqs.get(seqs.size() - 1);
        Set<Long> paid = new HashSet<>(seqs);
        for (TrackedRedemption r : view.store().redemptions(java.util.EnumSet.of(
                io.synod.peg.domain.pegout.RedemptionStatus.QUEUED,
                io.synod.peg.domain.pegout.RedemptionStatus.QUEUED_BY_LIMIT))) {
            // Judged by this member's own policy: only the proposer's store records why a redemption waits.
            boolean setAside = r.request().amount().compareTo(view.policy().limits().maxPerRedemption()) > 0
                    && !r.oversizeReleased();
            if (r.sequence() < last && !paid.contains(r.sequence()) && r.batchId().isEmpty() && !setAside) {
                throw refuse("the batch skips redemption " + r.sequence() + ", older and waiting to be paid");
            }
        }
    }

    private void checkLimits(PayoutInputAction a, long total, List<PayoutBatch> replaced) throws ActionRefused {
        WithdrawalLimits limits = view.policy().limits();
        Set<Long> gone = new HashSet<>();
        replaced.forEach(b -> gone.add(b.id()));
        long used = 0;
        for (PayoutBatch b : view.store().batches(PegOutProposer.COUNTED)) {
            if (b.id() != a.batchId() && !gone.contains(b.id()) && limits.inWindow(b.createdHeight(), a.createdHeight())) {
                used += b.total().value();
            }
        }
        boolean fits = used + total <= limits.rollingCap().value();
        boolean aloneInEmptyWindow = a.sequences().size() == 1 && used == 0;
        if (!fits && !aloneInEmptyWindow) {
            throw refuse("the batch of " + total + " sat would exceed the rolling cap of " + limits.rollingCap()
                    + " per " + limits.windowBlocks() + " blocks (" + used + " sat used)");
        }
        if (a.sequences().size() > limits.maxBatchSize()) {
            throw refuse("the batch holds more than " + limits.maxBatchSize() + " redemptions");
        }
    }

    private long groupCoinValue(Outpoint op) throws ActionRefused {
        Optional<JsonNode> coin = view.bitcoin().getTxOut(op, false);
        if (coin.isEmpty()) {
            throw refuse("input " + op + " is not an unspent confirmed output on this member's node");
        }
        String script = coin.get().path("scriptPubKey").path("hex").asText();
        if (!script.equals(hex(view.groupScript().program()))) {
            throw refuse("input " + op + " does not belong to the group (script " + script + ")");
        }
        if (coin.get().path("confirmations").asLong(0) < 1) {
            throw refuse("input " + op + " is unconfirmed");
        }
        if (view.stakes().get().contains(op.toString())) {
            // At the group's address like its coins, but owed back to its member (or forfeited) as itself.
            throw refuse("input " + op + " is a member's stake recorded by the registry, not a coin of the group's");
        }
        return coin.get().path("value").decimalValue().movePointRight(8).longValueExact();
    }

    /** Inputs of the other batches in flight here, except those the batch replaces (it must share one of theirs). */
    private Set<String> inputsOfOtherUnconfirmedBatches(long batchId, List<PayoutBatch> replaced) {
        Set<Long> gone = new HashSet<>();
        replaced.forEach(b -> gone.add(b.id()));
        Set<String> out = new HashSet<>();
        for (PayoutBatch b : view.store().batches(java.util.EnumSet.of(BatchState.BUILT, BatchState.SIGNED,
                BatchState.BROADCAST))) {
            if (b.id() != batchId && !gone.contains(b.id())) {
                Transaction t = Transaction.read(ByteBuffer.wrap(b.unsignedTx()));
                t.getInputs().forEach(in -> out.add(Outpoint.of(in.getOutpoint()).toString()));
            }
        }
        return out;
    }

    private Coin checkBump(PayoutInputAction a, Transaction tx) throws ActionRefused {
        PayoutBatch batch = view.store().batch(a.batchId())
                .orElseThrow(() -> refuse("bump of batch " + a.batchId() + ", which this member never approved"));
        if (!a.sequences().equals(batch.sequences())) {
            throw refuse("bump names other redemptions than batch " + a.batchId());
        }
        if (view.bitcoin().getMempoolEntry(new Txid(batch.txid())).isEmpty()) {
            throw refuse("payout " + batch.txid() + " is not waiting in this member's mempool");
        }
        int k = a.bumpNumber();
        List<FeeBump> bumps = batch.bumps();
        if (k > bumps.size() + 1) {
            throw refuse("bump " + k + " skips bumps this member has not seen (" + bumps.size() + ")");
        }
        Txid childTxid = Txid.of(tx.getTxId());
        if (k <= bumps.size()) {
            if (!bumps.get(k - 1).txid().equals(childTxid.hex())) {
                throw refuse("bump " + k + " was approved here as " + bumps.get(k - 1).txid());
            }
        }
        FeeRate rate = new FeeRate(a.feeRateSatPerKvB());
        long previousRate = k == 1 ? batch.feeRateSatPerKvB() : bumps.get(k - 2).packageRateSatPerKvB();
        if (rate.satPerKvB() <= previousRate || rate.compareTo(view.policy().ceiling()) > 0) {
            throw refuse("bump rate " + rate + " must exceed " + previousRate + " sat/kvB and stay within the ceiling "
                    + view.policy().ceiling());
        }
        PayoutTerms.BumpBasis basis = PayoutTerms.bumpBasis(batch, k, view.groupScript());
        Utxo spent = basis.spent();
        long packageVbytes = basis.packageVbytes();
        long packageFee = basis.packageFee();
        Transaction expected;
        try {
            expected = PayoutTerms.bump(spent, packageVbytes, packageFee, rate, view.groupScript());
        } catch (IllegalArgumentException e) {
            throw refuse(e.getMessage());
        }
        if (!Arrays.equals(expected.serialize(), tx.serialize())) {
            throw refuse("bump " + k + " differs from the child this member computes");
        }
        if (k == bumps.size() + 1) {
            long fee = PayoutTerms.bumpFee(packageVbytes, packageFee, rate);
            view.store().saveBatch(batch.withBump(new FeeBump(k, rate.satPerKvB(), tx.serialize(), Optional.empty(),
                    childTxid.hex(), fee, -1)));
        }
        return Coin.valueOf(spent.value().value());
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

}
