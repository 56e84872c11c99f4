package io.synod.membership.domain;

/** Why a candidate's stake was refused; shown to operators and kept with the refusal. */
public enum StakeRefusalReason {
    /** No such transaction output on the member's node (never paid, or not yet seen). */
    MISSING,
    /** The output existed but has been spent. */
    SPENT,
    /** The output pays a script other than the group's address. */
    WRONG_ADDRESS,
    /** The output is worth less than the minimum stake. */
    BELOW_MINIMUM,
    /** The output has fewer confirmations than the policy requires (0: still in the mempool). */
    UNCONFIRMED,
    /**
     * Another member (of any epoch) or candidate already names this outpoint as its stake, or it is the group's own
     * coin (its transaction was signed with the group key).
     */
    ALREADY_USED
}
