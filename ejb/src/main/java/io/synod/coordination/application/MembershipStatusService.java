package io.synod.coordination.application;

/** Membership changes as this node sees them, and the operator's request to leave the group. */
public interface MembershipStatusService {

    /** Never blocks on the chains or the HSM. */
    MembershipStatus membershipStatus();

    /**
     * Asks the registry (from this member's own identity account, signed in its HSM) to let it leave; the group
     * then reshares without it and returns its stake. Done on the node's next tick; idempotent.
     *
     * @throws IllegalStateException when this node is not a member of the current epoch
     */
    void requestLeave();
}
