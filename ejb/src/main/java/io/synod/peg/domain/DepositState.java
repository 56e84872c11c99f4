package io.synod.peg.domain;

/** A deposit's state; CONFIRMED and later are set only from chain evidence. */
public enum DepositState {
    SEEN, CONFIRMED, MINTING, MINTED, SWEPT, REFUNDABLE, ORPHANED
}
