package io.synod.peg.domain.pegout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.synod.shared.domain.Satoshis;

/**
 * One payout transaction for a batch of redemptions, persisted before it is signed. The txid is fixed when the
 * unsigned transaction is (segwit: signatures do not change it), so the batch and its txid are the source of truth
 * for exactly-once payment: after a restart the same transaction is signed again or re-broadcast, never rebuilt.
 *
 * @param createdHeight the Bitcoin tip when the batch was made; it counts against the rolling cap from there
 * @param total the redemptions' burned amounts (what the batch takes from the window)
 * @param confirmedBlock hash of the block holding the payout, once it has the required confirmations
 */
public record PayoutBatch(long id, long createdHeight, long feeRateSatPerKvB, List<Long> sequences, Satoshis total,
        byte[] unsignedTx, Optional<byte[]> signedTx, String txid, long fee, BatchState state, long broadcastHeight,
        Optional<String> confirmedBlock, long confirmedHeight, List<FeeBump> bumps) {

    public PayoutBatch {
        if (id < 1 || sequences.isEmpty()) {
            throw new IllegalArgumentException("a batch has an id and redemptions");
        }
        sequences = List.copyOf(sequences);
        unsignedTx = unsignedTx.clone();
        signedTx = signedTx.map(byte[]::clone);
        bumps = List.copyOf(bumps);
    }

    /**
     * The id of the batch paying by {@code txid}: its first 48 bits, plus one. Every proposer names a transaction the
     * same way, so two proposers that never saw each other's batches (a takeover) cannot give two payouts one id, and
     * a member adopting a payout it missed names it as the members that approved it do.
     */
    public static long idFor(String txid) {
        return Long.parseLong(txid.substring(0, 12), 16) + 1;
    }

    public static PayoutBatch built(long id, long createdHeight, long feeRate, List<Long> sequences, Satoshis total,
            byte[] unsignedTx, String txid, long fee) {
        return new PayoutBatch(id, createdHeight, feeRate, sequences, total, unsignedTx, Optional.empty(), txid, fee,
                BatchState.BUILT, -1, Optional.empty(), -1, List.of());
    }

    @Override
    public byte[] unsignedTx() {
        return unsignedTx.clone();
    }

    public PayoutBatch signed(byte[] tx) {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, Optional.of(tx), txid,
                fee, BatchState.SIGNED, broadcastHeight, confirmedBlock, confirmedHeight, bumps);
    }

    public PayoutBatch broadcastAt(long height) {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee,
                BatchState.BROADCAST, height, confirmedBlock, confirmedHeight, bumps);
    }

    public PayoutBatch confirmedIn(String blockHash, long height) {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee,
                BatchState.CONFIRMED, broadcastHeight, Optional.of(blockHash), height, bumps);
    }

    public PayoutBatch completed() {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee,
                BatchState.COMPLETED, broadcastHeight, confirmedBlock, confirmedHeight, bumps);
    }

    /**
     * The same unsigned transaction proposed again at {@code height}: a rebuild that came out byte for byte the same
     * (same coins, rate and redemptions) is the stale batch itself, only dated anew for the members' height check.
     */
    public PayoutBatch redatedAt(long height) {
        return new PayoutBatch(id, height, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee, state,
                broadcastHeight, confirmedBlock, confirmedHeight, bumps);
    }

    /** Replaced by a conflicting rebuild (see {@link BatchState#SUPERSEDED}). */
    public PayoutBatch superseded() {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee,
                BatchState.SUPERSEDED, broadcastHeight, confirmedBlock, confirmedHeight, bumps);
    }

    /**
     * A superseded batch the chain holds after all (its signed copy reached a node first): in flight again from the
     * chain's bytes, or the bytes signed here if there are some (they are fixed once written).
     */
    public PayoutBatch revived(byte[] chainTx, long height) {
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx,
                signedTx.isPresent() ? signedTx : Optional.of(chainTx), txid, fee, BatchState.BROADCAST, height,
                confirmedBlock, confirmedHeight, bumps);
    }

    /** This batch with bump {@code b} added, or replacing the bump of the same number (its later stage). */
    public PayoutBatch withBump(FeeBump b) {
        List<FeeBump> next = new ArrayList<>(bumps);
        if (b.number() <= next.size()) {
            next.set(b.number() - 1, b);
        } else if (b.number() == next.size() + 1) {
            next.add(b);
        } else {
            throw new IllegalArgumentException("bump " + b.number() + " skips a number after " + next.size());
        }
        return new PayoutBatch(id, createdHeight, feeRateSatPerKvB, sequences, total, unsignedTx, signedTx, txid, fee,
                state, broadcastHeight, confirmedBlock, confirmedHeight, next);
    }
}
