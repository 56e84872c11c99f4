package io.synod.peg.domain.pegin;

import java.util.Objects;

import io.synod.chain.bitcoin.FeePolicy;

/**
 * When and how deposits are swept: at most {@code maxInputs} per transaction (the UTXO count and each sweep's size
 * stay bounded), a sweep as soon as {@code batchSize} minted deposits wait or any of them is within
 * {@code urgentBlocks} of its refund height, and never one whose refund is fewer than {@code minBlocksLeft} blocks
 * away (it could not confirm in time). Fees within the fee policy's floor and ceiling.
 */
public record SweepPolicy(int batchSize, int maxInputs, int urgentBlocks, int minBlocksLeft, FeePolicy fees) {

    public SweepPolicy {
        Objects.requireNonNull(fees, "fees");
        if (batchSize < 1 || maxInputs < batchSize || urgentBlocks < 1 || minBlocksLeft < 1
                || minBlocksLeft > urgentBlocks) {
            throw new IllegalArgumentException("need 1 <= batchSize <= maxInputs, 1 <= minBlocksLeft <= urgentBlocks");
        }
    }
}
