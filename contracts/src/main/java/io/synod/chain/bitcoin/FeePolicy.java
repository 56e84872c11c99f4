package io.synod.chain.bitcoin;

/**
 * How the payout fee is chosen: the node's estimate for {@code targetBlocks}, kept within [floor, ceiling];
 * the floor alone when the node has no estimate (as on regtest).
 */
public record FeePolicy(FeeRate floor, FeeRate ceiling, int targetBlocks) {

    public FeePolicy {
        if (floor.compareTo(ceiling) > 0 || targetBlocks < 1) {
            throw new IllegalArgumentException("fee floor must not exceed ceiling; target >= 1 block");
        }
    }

    public FeeRate choose(java.util.Optional<FeeRate> estimate) {
        return estimate.orElse(floor).clamp(floor, ceiling);
    }
}
