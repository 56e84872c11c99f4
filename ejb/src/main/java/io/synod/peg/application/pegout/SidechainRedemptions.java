package io.synod.peg.application.pegout;

/** The redemption contract and registry as this member's sidechain node answers. */
public interface SidechainRedemptions {

    /** The redemption contract's address (lowercase hex). */
    String contract();

    long chainId();

    long currentEpoch();

    /** Whether the contract records the redemption as completed (the only evidence of completion). */
    boolean isCompleted(long sequence);

    /** The Bitcoin payout txid (display hex) the contract recorded for a completed redemption; empty before. */
    java.util.Optional<String> completedTxid(long sequence);

    /**
     * Submits one group-signed completion of all {@code sequences} (strictly increasing) by one payout; returns once
     * mined (reverts surface as exceptions).
     */
    void complete(java.util.List<Long> sequences, byte[] payoutTxid, long epoch, byte[] groupSignature);

    /** The sidechain's latest block number. */
    long head();
}
