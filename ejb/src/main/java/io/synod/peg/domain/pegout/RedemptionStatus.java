package io.synod.peg.domain.pegout;

/**
 * What a user sees of a redemption, in order. Stored by name: never rename one. Every step after {@code BROADCAST}
 * is set from chain evidence only (a block holding the payout, the sidechain's own record of completion).
 */
public enum RedemptionStatus {
    /** The burn was seen on the sidechain, not yet final there. */
    REQUESTED,
    /** Final on the sidechain; waits for the next payout batch. */
    QUEUED,
    /** Final, but a withdrawal limit holds it back (see {@link LimitReason}); it keeps its place in the queue. */
    QUEUED_BY_LIMIT,
    /** In a payout batch whose transaction is built but not yet signed. */
    BATCHED,
    /** The group signed the payout transaction. */
    SIGNED,
    /** The node accepted the payout into its mempool. */
    BROADCAST,
    /** The payout has the required confirmations on Bitcoin. */
    CONFIRMED,
    /** The sidechain records the redemption as completed with the payout's txid. */
    COMPLETED;

    public boolean isWaiting() {
        return this == QUEUED || this == QUEUED_BY_LIMIT;
    }
}
