package io.synod.peg.application.pegout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;

import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.PayoutBuilder;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionRejectedException;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.UnsignedPayout;
import io.synod.chain.bitcoin.Utxo;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.application.signing.GroupTransactionSigner;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.EntryKind;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.ledger.Posting;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.CompletionAction;
import io.synod.peg.domain.pegout.FeeBump;
import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PayoutInputAction;
import io.synod.peg.domain.pegout.PayoutTerms;
import io.synod.peg.domain.pegout.RedemptionRequest;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.peg.domain.pegout.WithdrawalLimits;

/**
 * The member that proposes payouts: one {@link #step} moves every batch as far as the chains allow.
 *
 * <ol>
 * <li>A batch in flight (one at a time) goes BUILT → SIGNED → BROADCAST → CONFIRMED. Each stage is persisted before
 *     the next starts: a BUILT batch is signed again after a restart (never rebuilt), a SIGNED or BROADCAST one is
 *     re-broadcast from its stored bytes if the node lost it. CONFIRMED comes only from the node's block evidence.
 *     A BUILT batch the node already knows (a member taking over as proposer holds the batches it approved) is
 *     adopted with the node's signed bytes, never signed again.</li>
 * <li>A broadcast payout unconfirmed for {@code bumpAfterBlocks} gets a child-pays-for-parent bump from its change
 *     (then from the previous bump), at {@code bumpMultiplier} times the previous rate, up to the ceiling.</li>
 * <li>Confirmed batches are completed on the sidechain, one group-signed completion for all of a batch's redemptions
 *     not yet completed there; COMPLETED is set only when the contract itself reports the redemption completed.</li>
 * <li>The queue is admitted under the withdrawal limits at every step (what a limit holds back is listed with its
 *     reason, a batch in flight or not); with nothing in flight, the next batch is built from the admitted ones and
 *     the group's confirmed coins, largest first.</li>
 * </ol>
 */
public final class PegOutProposer {

    /** What one step did, for operators and tests. */
    public record Report(List<String> events) {
    }

    private final MemberView view;
    private final GroupSigning signing;
    private final GroupCoins coins;
    private final Broadcaster broadcaster;
    private final Ledger ledger;
    private final PayoutBuilder builder;
    private final BatchConflicts conflicts;
    private final PayoutEvidence evidence;

    /** The batches that count against the rolling cap: a superseded one is counted through its replacement. */
    static final Set<BatchState> COUNTED = EnumSet.complementOf(EnumSet.of(BatchState.SUPERSEDED));

    public PegOutProposer(MemberView view, GroupSigning signing, GroupCoins coins, Broadcaster broadcaster,
            Ledger ledger) {
        this.view = view;
        this.signing = signing;
        this.coins = coins;
        this.broadcaster = broadcaster;
        this.ledger = ledger;
        this.builder = new PayoutBuilder(signing.groupPublicKey(), view.policy().fees(),
                view.bitcoin()::estimateSmartFee);
        this.conflicts = new BatchConflicts(view);
        this.evidence = new PayoutEvidence(view);
    }

    public synchronized Report step() {
        List<String> events = new ArrayList<>();
        long tip = view.bitcoinTip();
        reconcile(tip, events);
        adoptFromChain(tip, events);
        for (PayoutBatch b : view.store().batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED, BatchState.BROADCAST))) {
            advance(b, tip, events);
        }
        for (PayoutBatch b : view.store().batches(EnumSet.of(BatchState.CONFIRMED))) {
            complete(b, events);
        }
        // Admitted under the limits at every step, so a redemption over a limit is listed as waiting for it even
        // while a batch is in flight; the next batch is built only once none is.
        WithdrawalLimits.Admission admission = admit(tip, events);
        if (view.store().batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED, BatchState.BROADCAST)).isEmpty()) {
            newBatch(admission, tip, events).ifPresent(b -> advance(b, tip, events));
        }
        return new Report(List.copyOf(events));
    }

    /**
     * The step of a member that does not propose: it follows the batches it approved (its verifier stored them) from
     * the chains only. A batch's transaction seen on its own node is adopted, a deep enough one is confirmed and booked
     * exactly as the proposer books it, and a redemption is marked completed once the contract says so. It signs,
     * builds, bumps and broadcasts nothing, so two members never spend the group's coins in two ways.
     */
    public synchronized Report follow() {
        List<String> events = new ArrayList<>();
        long tip = view.bitcoinTip();
        reconcile(tip, events);
        for (PayoutBatch batch : view.store().batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED,
                BatchState.BROADCAST))) {
            PayoutBatch b = batch;
            Optional<JsonNode> onChain = view.bitcoin().getRawTransactionVerbose(new Txid(b.txid()));
            if (onChain.isEmpty()) {
                continue;
            }
            if (b.state() == BatchState.BUILT) {
                b = b.signed(java.util.HexFormat.of().parseHex(onChain.get().path("hex").asText()));
            }
            if (b.state() == BatchState.SIGNED) {
                b = b.broadcastAt(tip);
                view.store().saveBatch(b);
                events.add("batch " + b.id() + " seen on the chain " + b.txid());
            }
            syncStatuses(b);
            int confirmations = onChain.get().path("confirmations").asInt(0);
            if (confirmations >= view.policy().confirmations()) {
                confirm(b, tip, confirmations, events);
            }
        }
        for (PayoutBatch b : view.store().batches(EnumSet.of(BatchState.CONFIRMED))) {
            // Its bumps from the blocks (a follower holds no signed bytes, and may have missed a bump's vote).
            new ChainPayouts(view, ledger).bookBumps(b.txid());
            boolean all = true;
            for (long seq : b.sequences()) {
                TrackedRedemption r = view.store().redemption(seq).orElseThrow();
                if (r.status() == RedemptionStatus.COMPLETED) {
                    continue;
                }
                if (view.sidechain().isCompleted(seq)) {
                    view.store().update(r.with(RedemptionStatus.COMPLETED));
                } else {
                    all = false;
                }
            }
            if (all) {
                view.store().saveBatch(b.completed());
            }
        }
        return new Report(List.copyOf(events));
    }

    /** An operator's release of a redemption held above the per-redemption maximum: it is then paid in turn. */
    public void releaseOversize(long sequence) {
        TrackedRedemption r = view.store().redemption(sequence)
                .orElseThrow(() -> new IllegalArgumentException("no redemption " + sequence));
        view.store().update(r.released());
    }

    // ------------------------------------------------------------------ a batch in flight

    private void advance(PayoutBatch batch, long tip, List<String> events) {
        PayoutBatch b = batch;
        syncStatuses(b);
        try {
            if (b.state() == BatchState.BUILT) {
                Optional<byte[]> onChain = view.bitcoin().getRawTransactionVerbose(new Txid(b.txid()))
                        .map(t -> java.util.HexFormat.of().parseHex(t.path("hex").asText()));
                if (onChain.isPresent()) {
                    // Another proposer (before a takeover) got it signed and broadcast: adopt its bytes, never re-sign.
                    b = b.signed(onChain.get());
                    view.store().saveBatch(b);
                    syncStatuses(b);
                    events.add("batch " + b.id() + " adopted from the chain " + b.txid());
                } else {
                    b = sign(b);
                    events.add("batch " + b.id() + " signed " + b.txid());
                }
            }
            if (b.state() == BatchState.SIGNED) {
                broadcast(b.signedTx().orElseThrow());
                b = b.broadcastAt(tip);
                view.store().saveBatch(b);
                syncStatuses(b);
                events.add("batch " + b.id() + " broadcast " + b.txid());
            }
            if (b.state() == BatchState.BROADCAST) {
                watch(b, tip, events);
            }
        } catch (GroupTransactionSigner.Failed e) {
            events.add("batch " + b.id() + " not signed: " + e.signingFailed().getMessage());
            if (b.state() == BatchState.BUILT && tip - b.createdHeight() > view.policy().heightTolerance()) {
                // Members that never approved it refuse it past their height tolerance: it would wedge the peg-out.
                rebuild(b, tip, events).ifPresent(n -> advance(n, tip, events));
            }
        } catch (TransactionRejectedException e) {
            events.add("batch " + b.id() + " refused by the node: " + e.getMessage());
        }
    }

    private PayoutBatch sign(PayoutBatch b) {
        Transaction tx = Transaction.read(ByteBuffer.wrap(b.unsignedTx()));
        List<Utxo> inputs = inputsOf(tx);
        List<Payout> payouts = new ArrayList<>();
        for (int i = 0; i < tx.getOutputs().size() - 1; i++) {
            TransactionOutput o = tx.getOutput(i);
            payouts.add(new Payout(o.getScriptPubKey().program(), Satoshis.of(o.getValue().value)));
        }
        UnsignedPayout unsigned = new UnsignedPayout(tx, inputs, payouts, OptionalInt.of(tx.getOutputs().size() - 1),
                Satoshis.of(b.fee()), new FeeRate(b.feeRateSatPerKvB()));
        GroupTransactionSigner signer = new GroupTransactionSigner(signing, tx.getInputs().size(),
                i -> new PayoutInputAction(b.id(), 0, b.createdHeight(), b.feeRateSatPerKvB(), b.sequences(),
                        b.unsignedTx(), i), view.policy().signingTimeout());
        Transaction signed = builder.sign(unsigned, signer);
        PayoutBatch next = b.signed(signed.serialize());
        view.store().saveBatch(next);
        syncStatuses(next);
        return next;
    }

    private List<Utxo> inputsOf(Transaction tx) {
        List<Utxo> inputs = new ArrayList<>();
        for (var in : tx.getInputs()) {
            Outpoint op = Outpoint.of(in.getOutpoint());
            long value = view.bitcoin().getRawTransactionVerbose(op.txid())
                    .map(t -> t.path("vout").path(op.vout()).path("value").decimalValue().movePointRight(8)
                            .longValueExact())
                    .orElseThrow(() -> new IllegalStateException("input " + op + " is unknown to the node"));
            inputs.add(new Utxo(op, Satoshis.of(value)));
        }
        return inputs;
    }

    private void broadcast(byte[] signedTx) {
        Transaction tx = Transaction.read(ByteBuffer.wrap(signedTx));
        if (broadcaster.confirmations(Txid.of(tx.getTxId())).isEmpty()) {
            broadcaster.broadcast(tx);
        }
    }

    private void watch(PayoutBatch b, long tip, List<String> events) {
        Txid txid = new Txid(b.txid());
        Optional<Integer> confirmations = broadcaster.confirmations(txid);
        if (confirmations.isEmpty()) {
            // The node lost it (restart, eviction): the same signed bytes again, then the bumps in order.
            broadcast(b.signedTx().orElseThrow());
            for (FeeBump bump : b.bumps()) {
                bump.signedTx().ifPresent(this::broadcast);
            }
            events.add("batch " + b.id() + " re-broadcast " + b.txid());
            return;
        }
        if (confirmations.get() >= view.policy().confirmations()) {
            confirm(b, tip, confirmations.get(), events);
            return;
        }
        if (confirmations.get() == 0) {
            maybeBump(b, tip, events);
        }
    }

    /** The payout is deep enough: booked from the block that holds it, the batch and its redemptions confirmed. */
    private void confirm(PayoutBatch b, long tip, int confirmations, List<String> events) {
        JsonNode t = view.bitcoin().getRawTransactionVerbose(new Txid(b.txid())).orElseThrow();
        String block = t.path("blockhash").asText();
        long height = tip - confirmations + 1;
        Transaction tx = Transaction.read(ByteBuffer.wrap(b.unsignedTx()));
        // Redeemers bear the fee out of what they burned: the group's coins fall by the burned total, plus
        // whatever share was capped to keep an output above dust (a fee the group bears).
        long toRedeemers = 0;
        for (int i = 0; i < tx.getOutputs().size() - 1; i++) {
            toRedeemers += tx.getOutput(i).getValue().value;
        }
        long groupBorne = toRedeemers + b.fee() - b.total().value();
        ledger.record(PegEntries.payoutConfirmed(b.txid(), b.total(),
                io.synod.shared.domain.Satoshis.of(groupBorne), block, height));
        PayoutBatch confirmed = b.confirmedIn(block, height);
        view.store().saveBatch(confirmed);
        syncStatuses(confirmed);
        events.add("batch " + b.id() + " confirmed in " + block + "@" + height);
    }

    private void maybeBump(PayoutBatch b, long tip, List<String> events) {
        List<FeeBump> bumps = b.bumps();
        FeeBump last = bumps.isEmpty() ? null : bumps.get(bumps.size() - 1);
        if (last != null && last.broadcastHeight() < 0) {
            finishBump(b, last, tip, events); // a bump interrupted by a restart: same bytes, never rebuilt
            return;
        }
        long since = last == null ? b.broadcastHeight() : last.broadcastHeight();
        if (tip - since < view.policy().bumpAfterBlocks()) {
            return;
        }
        long previousRate = last == null ? b.feeRateSatPerKvB() : last.packageRateSatPerKvB();
        FeeRate ceiling = view.policy().ceiling();
        if (previousRate >= ceiling.satPerKvB()) {
            events.add("batch " + b.id() + " stuck at the fee ceiling " + ceiling);
            return;
        }
        FeeRate rate = new FeeRate(Math.min(ceiling.satPerKvB(), previousRate * view.policy().bumpMultiplier()));
        int k = bumps.size() + 1;
        PayoutTerms.BumpBasis basis = PayoutTerms.bumpBasis(b, k, view.groupScript());
        Utxo spent = basis.spent();
        long packageVbytes = basis.packageVbytes();
        long packageFee = basis.packageFee();
        Transaction child = PayoutTerms.bump(spent, packageVbytes, packageFee, rate, view.groupScript());
        FeeBump bump = new FeeBump(k, rate.satPerKvB(), child.serialize(), Optional.empty(), Txid.of(child.getTxId()).hex(),
                PayoutTerms.bumpFee(packageVbytes, packageFee, rate), -1);
        PayoutBatch withBump = b.withBump(bump);
        view.store().saveBatch(withBump);
        finishBump(withBump, bump, tip, events);
    }

    private void finishBump(PayoutBatch b, FeeBump bump, long tip, List<String> events) {
        FeeBump current = bump;
        if (current.signedTx().isEmpty()) {
            Transaction child = Transaction.read(ByteBuffer.wrap(current.unsignedTx()));
            Utxo spent = PayoutTerms.bumpBasis(b, current.number(), view.groupScript()).spent();
            UnsignedPayout unsigned = new UnsignedPayout(child, List.of(spent),
                    List.of(new Payout(child.getOutput(0).getScriptPubKey().program(),
                            Satoshis.of(child.getOutput(0).getValue().value))),
                    OptionalInt.of(0), Satoshis.of(current.fee()), new FeeRate(current.packageRateSatPerKvB()));
            FeeBump forSigning = current;
            GroupTransactionSigner signer = new GroupTransactionSigner(signing, child.getInputs().size(),
                    i -> new PayoutInputAction(b.id(), forSigning.number(), b.createdHeight(),
                            forSigning.packageRateSatPerKvB(), b.sequences(), forSigning.unsignedTx(), i),
                    view.policy().signingTimeout());
            current = current.signed(builder.sign(unsigned, signer).serialize());
            view.store().saveBatch(b.withBump(current));
        }
        broadcast(current.signedTx().orElseThrow());
        current = current.broadcastAt(tip);
        view.store().saveBatch(view.store().batch(b.id()).orElseThrow().withBump(current));
        events.add("batch " + b.id() + " bumped (" + current.number() + ") to " + current.packageRateSatPerKvB()
                + " sat/kvB by " + current.txid());
    }

    // ------------------------------------------------------------------ completion on the sidechain

    /**
     * One group signature and one transaction for all of the batch's redemptions the contract does not show completed
     * yet. One completion is all or nothing, so a crash leaves none partly recorded; listing only what is open is a
     * defence against a completion someone else recorded meanwhile (a concurrent proposer, or anyone submitting the
     * group's signature read off the board), since the contract refuses the whole list if any of it is done.
     */
    private void complete(PayoutBatch b, List<String> events) {
        recordBumpFees(b);
        SidechainRedemptions sidechain = view.sidechain();
        List<Long> open = new ArrayList<>();
        for (long seq : b.sequences()) {
            if (view.store().redemption(seq).orElseThrow().status() != RedemptionStatus.COMPLETED
                    && !sidechain.isCompleted(seq)) {
                open.add(seq);
            }
        }
        open.sort(Comparator.naturalOrder());
        if (!open.isEmpty()) {
            byte[] txid = new Txid(b.txid()).displayBytes();
            long epoch = sidechain.currentEpoch();
            try {
                GroupSignature sig = signing.sign(new CompletionAction(sidechain.contract(), open, txid, epoch),
                        view.policy().signingTimeout());
                sidechain.complete(open, txid, epoch, sig.ethereum());
            } catch (SigningFailed e) {
                events.add("completion of " + open + " not signed: " + e.getMessage());
            } catch (RuntimeException e) {
                // A revert is an expected outcome here (all or nothing): someone completed some of them first, or
                // the epoch rotated. The contract's state below is what counts; the other batches go on.
                events.add("completion of " + open + " not recorded: " + e.getMessage());
            }
        }
        boolean all = true;
        for (long seq : b.sequences()) {
            TrackedRedemption r = view.store().redemption(seq).orElseThrow();
            if (r.status() == RedemptionStatus.COMPLETED) {
                continue;
            }
            if (sidechain.isCompleted(seq)) {
                view.store().update(r.with(RedemptionStatus.COMPLETED));
                events.add("redemption " + seq + " completed on the sidechain");
            } else {
                all = false;
            }
        }
        if (all) {
            view.store().saveBatch(b.completed());
        }
    }

    /** Bump children the chain confirmed: their fees came out of the group's change. */
    private void recordBumpFees(PayoutBatch b) {
        for (FeeBump bump : b.bumps()) {
            if (bump.signedTx().isEmpty()) {
                continue;
            }
            Optional<JsonNode> t = view.bitcoin().getRawTransactionVerbose(new Txid(bump.txid()));
            if (t.isPresent() && t.get().path("confirmations").asLong(0) >= 1) {
                String block = t.get().path("blockhash").asText();
                ledger.record(new LedgerEntry("bump-fee:" + bump.txid(), EntryKind.FEE_PAID, List.of(
                        Posting.debit(Account.FEES, io.synod.shared.domain.Satoshis.of(bump.fee())),
                        Posting.credit(Account.BTC_GROUP_MAIN, io.synod.shared.domain.Satoshis.of(bump.fee()))),
                        "bitcoin block " + block));
            }
        }
    }

    // ------------------------------------------------------------------ stale, superseded and missed batches

    /**
     * Chain evidence first: a superseded batch whose payout reached the chain after all (a signed copy was broadcast
     * before its replacement) is revived and its replacement superseded in turn (they share an input: the replacement
     * can no longer confirm); a batch in flight that can never confirm (an input spent in a block by another
     * transaction) is superseded and its redemptions go back to the queue.
     */
    private void reconcile(long tip, List<String> events) {
        for (PayoutBatch s : view.store().batches(EnumSet.of(BatchState.SUPERSEDED))) {
            if (s.sequences().stream().allMatch(this::paidByConfirmedBatch)) {
                continue; // its replacement confirmed: the shared input is spent, it can never confirm now
            }
            Optional<JsonNode> onChain = view.bitcoin().getRawTransactionVerbose(new Txid(s.txid()));
            if (onChain.isEmpty()) {
                continue;
            }
            List<Long> replaced = new ArrayList<>();
            for (PayoutBatch holder : conflicts.sharing(s.sequences(), s.id())) {
                if (holder.state().inFlight()) {
                    view.store().saveBatch(holder.superseded());
                    replaced.add(holder.id());
                }
            }
            PayoutBatch revived = s.revived(java.util.HexFormat.of().parseHex(onChain.get().path("hex").asText()), tip);
            view.store().saveBatch(revived);
            for (long seq : s.sequences()) {
                view.store().redemption(seq).filter(r -> r.status() != RedemptionStatus.COMPLETED)
                        .ifPresent(r -> view.store().update(r.inBatch(s.id())));
            }
            syncStatuses(revived);
            events.add("batch " + s.id() + " revived: its payout " + s.txid() + " reached the chain; superseded "
                    + replaced);
        }
        for (PayoutBatch b : view.store().batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED,
                BatchState.BROADCAST))) {
            if (conflicts.dead(b)) {
                view.store().saveBatch(b.superseded());
                for (long seq : b.sequences()) {
                    view.store().redemption(seq).filter(r -> r.batchId().equals(java.util.OptionalLong.of(b.id()))
                            && r.status() != RedemptionStatus.COMPLETED).ifPresent(r -> view.store().update(r.unbound()));
                }
                events.add("batch " + b.id() + " can never confirm (an input is spent in a block by another "
                        + "transaction): superseded, its redemptions back in the queue");
            }
        }
    }

    private boolean paidByConfirmedBatch(long sequence) {
        return view.store().redemption(sequence).flatMap(r -> r.batchId().isPresent()
                ? view.store().batch(r.batchId().getAsLong()) : Optional.empty())
                .map(b -> b.state() == BatchState.CONFIRMED || b.state() == BatchState.COMPLETED).orElse(false);
    }

    /**
     * Redemptions this member would batch (queued, or in a batch of its own that nobody signed) that a group payout on
     * its node already pays: a batch it missed (it was down, or refused it). It adopts that payout as a batch of its
     * own, broadcast, and supersedes its unsigned batch of them, never re-batching what the group already paid.
     */
    private void adoptFromChain(long tip, List<String> events) {
        List<TrackedRedemption> candidates = new ArrayList<>(view.store().redemptions(
                Set.of(RedemptionStatus.QUEUED, RedemptionStatus.QUEUED_BY_LIMIT, RedemptionStatus.BATCHED)));
        if (candidates.isEmpty()) {
            return;
        }
        for (PayoutEvidence.Found f : evidence.unknownPayoutsOf(candidates)) {
            if (!f.complete()) {
                events.add("payout " + f.txid() + " pays redemptions " + f.paid() + " and outputs this member cannot "
                        + "match: left to the operators, these redemptions are not batched here");
                continue;
            }
            JsonNode t = view.bitcoin().getRawTransactionVerbose(new Txid(f.txid())).orElseThrow();
            byte[] signedBytes = java.util.HexFormat.of().parseHex(t.path("hex").asText());
            Transaction unsigned = withoutWitnesses(Transaction.read(ByteBuffer.wrap(signedBytes)));
            if (!Txid.of(unsigned.getTxId()).hex().equals(f.txid())) {
                throw new IllegalStateException("payout " + f.txid() + " does not strip to its own txid");
            }
            long in = inputsOf(unsigned).stream().mapToLong(u -> u.value().value()).sum();
            long out = unsigned.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
            long total = 0;
            for (long seq : f.paid()) {
                total += view.store().redemption(seq).orElseThrow().request().amount().value();
            }
            List<Long> superseded = new ArrayList<>();
            for (PayoutBatch holder : conflicts.sharing(f.paid(), -1)) {
                if (holder.state() == BatchState.BUILT) {
                    view.store().saveBatch(holder.superseded());
                    superseded.add(holder.id());
                }
            }
            long vbytes = Math.max(1, t.path("vsize").asLong(unsigned.getVsize()));
            PayoutBatch b = PayoutBatch.built(PayoutBatch.idFor(f.txid()), tip, Math.max(1, (in - out) * 1000 / vbytes),
                    f.paid(), io.synod.shared.domain.Satoshis.of(total), unsigned.serialize(), f.txid(), in - out)
                    .signed(signedBytes).broadcastAt(tip);
            view.store().saveBatch(b);
            for (long seq : f.paid()) {
                view.store().update(view.store().redemption(seq).orElseThrow().inBatch(b.id()));
            }
            syncStatuses(b);
            events.add("batch " + b.id() + " adopted from the chain: payout " + f.txid() + " of " + f.paid()
                    + " that this member missed (superseded here " + superseded + ")");
        }
    }

    private static Transaction withoutWitnesses(Transaction signed) {
        Transaction tx = new Transaction();
        tx.setVersion((int) signed.getVersion());
        for (var in : signed.getInputs()) {
            tx.addInput(new org.bitcoinj.core.TransactionInput(tx, new byte[0], in.getOutpoint(), in.getValue())
                    .withSequence(in.getSequenceNumber()));
        }
        for (TransactionOutput o : signed.getOutputs()) {
            tx.addOutput(o.getValue(), o.getScriptPubKey());
        }
        tx.setLockTime(signed.getLockTime());
        return tx;
    }

    /**
     * A batch that never gathered its signatures and is now past the members' height tolerance is rebuilt at the
     * current tip for the same redemptions, spending every input of the stale batch that is still unspent (plus more
     * coins if the fee grew): the two share an input, so at most one of them can ever confirm, whoever holds
     * signatures for the stale one. The members approve the rebuild only if it conflicts so (see PayoutVerifier).
     */
    private Optional<PayoutBatch> rebuild(PayoutBatch stale, long tip, List<String> events) {
        List<RedemptionRequest> requests = stale.sequences().stream()
                .map(seq -> view.store().redemption(seq).orElseThrow().request()).toList();
        List<Utxo> chosen = new ArrayList<>();
        for (Outpoint op : BatchConflicts.inputs(stale)) {
            view.bitcoin().getTxOut(op, false).ifPresent(c -> chosen.add(new Utxo(op, Satoshis.of(
                    c.path("value").decimalValue().movePointRight(8).longValueExact()))));
        }
        if (chosen.isEmpty() && !conflicts.dead(stale)) {
            events.add("batch " + stale.id() + " is stale but neither spendable nor dead: not rebuilt");
            return Optional.empty();
        }
        java.util.Set<Outpoint> taken = new java.util.HashSet<>(chosen.stream().map(Utxo::outpoint).toList());
        for (PayoutBatch other : view.store().batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED,
                BatchState.BROADCAST))) {
            if (other.id() != stale.id()) {
                taken.addAll(BatchConflicts.inputs(other));
            }
        }
        FeeRate rate = view.policy().fees().choose(view.bitcoin().estimateSmartFee(view.policy().fees().targetBlocks()));
        List<Utxo> more = coins.confirmed().stream().map(GroupCoins.Coin::utxo).filter(u -> !taken.contains(u.outpoint()))
                .sorted(Comparator.comparing(Utxo::value).reversed().thenComparing(u -> u.outpoint().toString()))
                .toList();
        Transaction tx = buildPayout(chosen, more, requests, rate);
        if (tx == null) {
            events.add("batch " + stale.id() + " is stale and the group's coins cannot pay its rebuild yet");
            return Optional.empty();
        }
        if (Txid.of(tx.getTxId()).hex().equals(stale.txid())) {
            PayoutBatch redated = stale.redatedAt(tip);
            view.store().saveBatch(redated);
            events.add("batch " + stale.id() + " made at height " + stale.createdHeight() + " was never signed: "
                    + "proposed again at " + tip + " (the rebuild is the same transaction)");
            return Optional.of(redated);
        }
        long in = chosen.stream().mapToLong(u -> u.value().value()).sum();
        long out = tx.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
        PayoutBatch n = PayoutBatch.built(PayoutBatch.idFor(Txid.of(tx.getTxId()).hex()), tip, rate.satPerKvB(), stale.sequences(),
                stale.total(), tx.serialize(), Txid.of(tx.getTxId()).hex(), in - out);
        view.store().saveBatch(n);
        for (long seq : stale.sequences()) {
            view.store().update(view.store().redemption(seq).orElseThrow().inBatch(n.id()));
        }
        view.store().saveBatch(stale.superseded());
        events.add("batch " + stale.id() + " made at height " + stale.createdHeight() + " was never signed: rebuilt at "
                + tip + " as batch " + n.id() + " " + n.txid() + ", spending its inputs " + BatchConflicts.inputs(n));
        return Optional.of(n);
    }

    /** Adds coins of {@code more} to {@code chosen} (in place) until the payout builds; null if they never do. */
    private Transaction buildPayout(List<Utxo> chosen, List<Utxo> more, List<RedemptionRequest> requests, FeeRate rate) {
        int next = 0;
        while (true) {
            if (!chosen.isEmpty()) {
                try {
                    return PayoutTerms.payout(chosen, requests, rate, view.groupScript(), view.policy().ceiling());
                } catch (IllegalArgumentException notYet) {
                    // more coins needed
                }
            }
            if (next >= more.size()) {
                return null;
            }
            chosen.add(more.get(next++));
        }
    }

    // ------------------------------------------------------------------ a new batch

    /** The queue admitted under the withdrawal limits now; each redemption left waiting is stored with its reason. */
    private WithdrawalLimits.Admission admit(long tip, List<String> events) {
        WithdrawalLimits limits = view.policy().limits();
        List<TrackedRedemption> queue = view.store().redemptions(
                Set.of(RedemptionStatus.QUEUED, RedemptionStatus.QUEUED_BY_LIMIT));
        long used = 0;
        for (PayoutBatch b : view.store().batches(COUNTED)) {
            if (limits.inWindow(b.createdHeight(), tip)) {
                used += b.total().value();
            }
        }
        WithdrawalLimits.Admission admission = limits.admit(queue, io.synod.shared.domain.Satoshis.of(used));
        for (TrackedRedemption r : queue) {
            LimitReason reason = admission.waiting().get(r.sequence());
            if (reason != null && reason != r.limitReason()) {
                view.store().update(r.waiting(reason));
                if (reason != LimitReason.NONE) {
                    events.add("redemption " + r.sequence() + " waits: " + reason);
                }
            }
        }
        return admission;
    }

    private Optional<PayoutBatch> newBatch(WithdrawalLimits.Admission admission, long tip, List<String> events) {
        if (admission.batch().isEmpty()) {
            return Optional.empty();
        }
        List<RedemptionRequest> requests = admission.batch().stream().map(TrackedRedemption::request).toList();
        FeeRate rate = view.policy().fees().choose(view.bitcoin().estimateSmartFee(view.policy().fees().targetBlocks()));
        List<Utxo> available = coins.confirmed().stream().map(GroupCoins.Coin::utxo)
                .sorted(Comparator.comparing(Utxo::value).reversed().thenComparing(u -> u.outpoint().toString()))
                .toList();
        List<Utxo> chosen = new ArrayList<>();
        Transaction tx = buildPayout(chosen, available, requests, rate);
        if (tx == null) {
            events.add("group coins cannot pay " + requests.size() + " queued redemptions yet");
            return Optional.empty();
        }
        long in = chosen.stream().mapToLong(u -> u.value().value()).sum();
        long out = tx.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
        long total = requests.stream().mapToLong(r -> r.amount().value()).sum();
        PayoutBatch batch = PayoutBatch.built(PayoutBatch.idFor(Txid.of(tx.getTxId()).hex()), tip, rate.satPerKvB(),
                requests.stream().map(RedemptionRequest::sequence).toList(), io.synod.shared.domain.Satoshis.of(total),
                tx.serialize(), Txid.of(tx.getTxId()).hex(), in - out);
        view.store().saveBatch(batch);
        syncStatuses(batch);
        events.add("batch " + batch.id() + " built for " + batch.sequences() + " (" + total + " sat, fee " + (in - out)
                + ")");
        return Optional.of(batch);
    }

    /** Each redemption of the batch shows the batch's stage (after a crash between the two saves too). */
    private void syncStatuses(PayoutBatch b) {
        if (b.state() == BatchState.SUPERSEDED) {
            return; // its redemptions follow the batch that replaced it
        }
        RedemptionStatus status = switch (b.state()) {
            case SUPERSEDED -> throw new IllegalStateException("unreachable");
            case BUILT -> RedemptionStatus.BATCHED;
            case SIGNED -> RedemptionStatus.SIGNED;
            case BROADCAST -> RedemptionStatus.BROADCAST;
            case CONFIRMED, COMPLETED -> RedemptionStatus.CONFIRMED;
        };
        for (long seq : b.sequences()) {
            view.store().redemption(seq).ifPresent(r -> {
                if (r.status() == RedemptionStatus.COMPLETED) {
                    return;
                }
                TrackedRedemption bound = r.batchId().isPresent() ? r : r.inBatch(b.id());
                if (bound.status() != status || r.batchId().isEmpty()) {
                    view.store().update(bound.with(status));
                }
            });
        }
    }
}
