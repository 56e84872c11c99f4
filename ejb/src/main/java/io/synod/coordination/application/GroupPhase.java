package io.synod.coordination.application;

/** Where this node stands in forming its group. */
public enum GroupPhase {
    /** No founding set configured ({@code synod.group.founding-set} unset): the node runs alone. */
    NOT_CONFIGURED,
    /** Preparing the node's keys (HSM not ready yet, or secrets being sealed). */
    PREPARING_KEYS,
    /** Keys ready and published in the founder card; the founding set file is not there yet. */
    AWAITING_FOUNDING_SET,
    /** Genesis key generation running over the message board. */
    KEY_GENERATION,
    /** The group key exists and this member's share is sealed: epoch 1. */
    READY,
    /** This node is not in the founding set: it joins an existing group by stake (see the membership view). */
    NOT_A_FOUNDER,
    /** Key generation aborted (culprits named in the detail); needs a new founding set. */
    FAILED
}
