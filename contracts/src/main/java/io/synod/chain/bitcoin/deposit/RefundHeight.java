package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.BlockHeight;

/**
 * The absolute block height of a deposit's refund timelock (the {@code OP_CHECKLOCKTIMEVERIFY} operand and the
 * refund's {@code nLockTime}). A transaction with lock time {@code h} is final only in blocks above {@code h}, so the
 * refund can first be mined in block {@code h + 1}, and a node accepts it into its mempool once its tip is at
 * {@code h}. Heights only: 1 ≤ h < 500,000,000 (larger values are Unix times to consensus).
 */
public record RefundHeight(long value) implements Comparable<RefundHeight> {

    /** Lock times from here on are timestamps, not heights (BIP 65 / nLockTime). */
    public static final long LOCKTIME_THRESHOLD = 500_000_000L;

    public RefundHeight {
        if (value < 1 || value >= LOCKTIME_THRESHOLD) {
            throw new IllegalArgumentException("a refund height is in [1, 500000000): " + value);
        }
    }

    public static RefundHeight of(long value) {
        return new RefundHeight(value);
    }

    public BlockHeight asBlockHeight() {
        return BlockHeight.of(value);
    }

    /** The first block in which the refund is valid: {@code value + 1}. */
    public BlockHeight firstRefundBlock() {
        return BlockHeight.of(value + 1);
    }

    @Override
    public int compareTo(RefundHeight o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "refund after #" + value;
    }
}
