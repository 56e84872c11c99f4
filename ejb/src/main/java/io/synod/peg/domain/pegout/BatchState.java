package io.synod.peg.domain.pegout;

/** A payout batch's progress. Stored by name: never rename one. */
public enum BatchState {
    /** The unsigned transaction is fixed and persisted: from here on it is re-signed, never rebuilt. */
    BUILT,
    /** Signed and persisted: from here on it is re-broadcast, never re-signed. */
    SIGNED,
    /** A node accepted it (mempool entry seen). */
    BROADCAST,
    /** It has the required confirmations (block evidence recorded). */
    CONFIRMED,
    /** Every redemption in it is recorded as completed on the sidechain. */
    COMPLETED,
    /**
     * Replaced by a rebuild that spends at least one of its inputs (or provably dead: an input spent in a block by
     * another transaction), so the two can never both confirm. Never signed or broadcast again here; followed only
     * in case it reaches the chain after all, when it is revived and the rebuild is superseded in its place.
     */
    SUPERSEDED;

    public boolean inFlight() {
        return this == BUILT || this == SIGNED || this == BROADCAST;
    }
}
