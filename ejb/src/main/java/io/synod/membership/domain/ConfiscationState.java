package io.synod.membership.domain;

/** Where the confiscation of one member's stake stands here; it only ever moves forward. */
public enum ConfiscationState {
    /** Convicted here; the group has not yet signed the move to the forfeiture output. */
    PENDING,
    /** The group-signed confiscation transaction was broadcast. */
    BROADCAST,
    /** The confiscation transaction is confirmed on Bitcoin. */
    CONFIRMED,
    /** The group-signed confiscation record is on the sidechain registry. */
    RECORDED
}
