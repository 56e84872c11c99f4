package io.synod.peg.domain.ledger;

/** Why value moved. Stored in the database: never rename one. */
public enum EntryKind {
    DEPOSIT_CONFIRMED, MINTED, DEPOSITS_SWEPT, REDEMPTION_BURNED, PAYOUT_CONFIRMED, STAKE_CONFIRMED,
    STAKE_RETURNED, STAKE_CONFISCATED, FEE_PAID, NON_QUALIFYING_REFUNDED, DEPOSIT_REORGED_OUT
}
