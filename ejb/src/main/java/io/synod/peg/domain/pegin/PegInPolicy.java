package io.synod.peg.domain.pegin;

import java.time.Duration;
import java.util.Objects;

import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SweepMargin;

/**
 * What a payment must satisfy to be minted: an amount in [min, max], the configured confirmations, and a refund
 * timelock at least {@code sweepMargin} blocks ahead of the tip when the mint is decided (so the group sweeps it
 * well before the depositor could take it back). {@code submitTimeout} is how long the member ranked r waits
 * (r times) before it takes over a mint its betters did not get mined.
 */
public record PegInPolicy(Satoshis minAmount, Satoshis maxAmount, int confirmations, SweepMargin sweepMargin,
        Duration submitTimeout) {

    public PegInPolicy {
        Objects.requireNonNull(minAmount, "minAmount");
        Objects.requireNonNull(maxAmount, "maxAmount");
        Objects.requireNonNull(sweepMargin, "sweepMargin");
        Objects.requireNonNull(submitTimeout, "submitTimeout");
        if (minAmount.value() == 0 || maxAmount.compareTo(minAmount) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max: " + minAmount + ", " + maxAmount);
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("at least one confirmation: " + confirmations);
        }
    }

    /** Why a confirmed payment of {@code amount} to a script refunding at {@code refund} cannot be minted at {@code tip}, or null. */
    public String disqualification(Satoshis amount, RefundHeight refund, BlockHeight tip) {
        if (amount.compareTo(minAmount) < 0) {
            return "amount " + amount + " below the minimum " + minAmount;
        }
        if (amount.compareTo(maxAmount) > 0) {
            return "amount " + amount + " above the maximum " + maxAmount;
        }
        if (!sweepMargin.allowsMint(tip, refund)) {
            return tooLate(refund, tip);
        }
        return null;
    }

    public boolean tooLate(BlockHeight tip, RefundHeight refund) {
        return !sweepMargin.allowsMint(tip, refund);
    }

    private String tooLate(RefundHeight refund, BlockHeight tip) {
        return "refund opens after block " + refund.value() + ", only " + SweepMargin.exclusiveBlocksLeft(tip, refund)
                + " blocks from tip " + tip.value() + " (sweep margin " + sweepMargin.blocks() + ")";
    }
}
