package io.synod.peg.application.pegout;

import java.time.Duration;
import java.util.Objects;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.peg.domain.pegout.WithdrawalLimits;

/**
 * Peg-out configuration, the same at every member (the verifiers hold proposals to it).
 *
 * @param sidechainFinality blocks on top of a redemption's block before it is queued
 * @param confirmations Bitcoin confirmations before a payout counts as confirmed
 * @param fees the payout fee rate: the node's estimate within [floor, ceiling]
 * @param bumpAfterBlocks blocks a broadcast payout (or its last bump) may wait unconfirmed before the next bump
 * @param bumpMultiplier each bump aims the package at this multiple of the previous rate (capped at the ceiling)
 * @param heightTolerance how far a proposal's Bitcoin height may be from a verifier's own tip
 */
public record PegOutPolicy(int sidechainFinality, int confirmations, FeePolicy fees, WithdrawalLimits limits,
        int bumpAfterBlocks, int bumpMultiplier, int heightTolerance, Duration signingTimeout) {

    public PegOutPolicy {
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(signingTimeout, "signingTimeout");
        if (sidechainFinality < 0 || confirmations < 1 || bumpAfterBlocks < 1 || bumpMultiplier < 2
                || heightTolerance < 0) {
            throw new IllegalArgumentException("finality >= 0, confirmations >= 1, bump after >= 1 block, multiplier >= 2");
        }
    }

    public FeeRate ceiling() {
        return fees.ceiling();
    }
}
