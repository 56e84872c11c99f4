package io.synod.peg.domain.pegout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * Sign one input of a peg-out transaction: either the batch's payout ({@code bumpNumber == 0}) or its bump child
 * {@code bumpNumber}. Carries the unsigned transaction and what each member needs to rebuild it from its own view:
 * the batch, the redemptions it pays (in order), the Bitcoin height the batch was made at, and the fee rate
 * (the payout's, or the package rate the bump aims at). The member signs the BIP 143 digest it computes itself.
 */
public record PayoutInputAction(long batchId, int bumpNumber, long createdHeight, long feeRateSatPerKvB,
        List<Long> sequences, byte[] unsignedTx, int inputIndex) implements SignableAction {

    private static final int VERSION = 1;
    private static final int MAX_TX = 400_000;
    private static final int MAX_SEQUENCES = 1_000;

    public PayoutInputAction {
        if (batchId < 1 || bumpNumber < 0 || bumpNumber > 0xffff || createdHeight < 0 || feeRateSatPerKvB < 1) {
            throw new IllegalArgumentException("payout action: batch, bump, height or rate out of range");
        }
        if (sequences.isEmpty() || sequences.size() > MAX_SEQUENCES) {
            throw new IllegalArgumentException("payout action: 1.." + MAX_SEQUENCES + " redemptions");
        }
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i) < 1 || (i > 0 && sequences.get(i) <= sequences.get(i - 1))) {
                throw new IllegalArgumentException("payout action: redemptions must be positive and ascending");
            }
        }
        if (unsignedTx.length == 0 || unsignedTx.length > MAX_TX || inputIndex < 0 || inputIndex > 0xffff) {
            throw new IllegalArgumentException("payout action: transaction or input index out of range");
        }
        sequences = List.copyOf(sequences);
        unsignedTx = unsignedTx.clone();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REDEMPTION_PAYOUT_INPUT;
    }

    @Override
    public byte[] unsignedTx() {
        return unsignedTx.clone();
    }

    public boolean isBump() {
        return bumpNumber > 0;
    }

    @Override
    public byte[] encode() {
        ActionBytes b = new ActionBytes().u8(VERSION).i64(batchId).u16(bumpNumber).i64(createdHeight)
                .i64(feeRateSatPerKvB).u16(sequences.size());
        sequences.forEach(b::i64);
        return b.u16(inputIndex).bytes(unsignedTx).toByteArray();
    }

    public static PayoutInputAction decode(byte[] encoded) {
        ActionBytes.Reader r = new ActionBytes.Reader(encoded, "payout action");
        if (r.u8() != VERSION) {
            throw new IllegalArgumentException("payout action: unknown version");
        }
        long batch = r.i64();
        int bump = r.u16();
        long height = r.i64();
        long rate = r.i64();
        int n = r.u16();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(r.i64());
        }
        int input = r.u16();
        byte[] tx = r.bytes(MAX_TX);
        r.end();
        return new PayoutInputAction(batch, bump, height, rate, seqs, tx, input);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayoutInputAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
