package io.synod.peg.domain;

/** The steps a user follows for a redemption, from the burn to the confirmed Bitcoin payout. */
public enum RedemptionState {
    REQUESTED, QUEUED, BATCHED, SIGNED, BROADCAST, CONFIRMED
}
