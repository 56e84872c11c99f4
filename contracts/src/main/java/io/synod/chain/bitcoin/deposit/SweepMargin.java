package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.BlockHeight;

/**
 * How many blocks before a deposit's refund opens the group must still have when it decides to mint: time to
 * sign, broadcast, fee-bump and confirm the sweep. With the tip at {@code t} and refund height {@code h}, blocks
 * {@code t+1 … h} can hold only the group's spend (the refund is valid from {@code h+1}), so {@code h − t} blocks
 * remain; a deposit is minted only while that is at least {@code blocks}. Once past, it is left to its owner's
 * refund and never minted, so no deposit is ever both minted and refundable by the depositor.
 */
public record SweepMargin(int blocks) {

    public SweepMargin {
        if (blocks < 1) {
            throw new IllegalArgumentException("the sweep margin is at least one block: " + blocks);
        }
    }

    /** Blocks still to come in which only the group can spend the deposit; zero or less once the refund is open. */
    public static long exclusiveBlocksLeft(BlockHeight tip, RefundHeight refundHeight) {
        return refundHeight.value() - tip.value();
    }

    /** Whether, with the chain at {@code tip}, the group may still mint this deposit and sweep it in time. */
    public boolean allowsMint(BlockHeight tip, RefundHeight refundHeight) {
        return exclusiveBlocksLeft(tip, refundHeight) >= blocks;
    }

    public boolean allowsMint(BlockHeight tip, DepositScript script) {
        return allowsMint(tip, script.refundHeight());
    }

    /** The highest tip at which a mint is still allowed: {@code h − blocks} (negative: never). */
    public long lastMintTip(RefundHeight refundHeight) {
        return refundHeight.value() - blocks;
    }
}
