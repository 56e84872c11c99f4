package io.synod.coordination.domain.signing;

/**
 * How many members must approve the same target before the group signs it, for an epoch of {@code members} members
 * whose sharing has degree {@code threshold} (t). Every member computes it from the epoch's public n and t and the
 * proposal's action kind, so a session's outcome is the same for all of them.
 *
 * <p>Most actions need the signing threshold, 2t+1 approvals: any 2t+1 contain t+1 honest members, so nothing is
 * signed that no honest member checked. An action that moves the group's bitcoin to anyone but the group (a payout,
 * a refund, a stake return, a confiscation) needs more: honest members approve at most one live spend per redemption,
 * deposit or stake, and that protects against a double payout only if <b>any two approving sets share an honest
 * member</b>, i.e. share more than t members. Two sets of q among n share at least 2q − n members, so
 * q = max(2t+1, ⌊(n+t)/2⌋+1) is the smallest q with 2q − n &gt; t (⌊(n+t)/2⌋+1 &gt; (n+t)/2). Where n ≤ 3t+1 that is
 * 2t+1 already; above (n = 5, t = 1 under {@code ThresholdPolicy.ONE_SPARE}: 4 of 5) it is more, and still at most
 * n − t, so t members down never stop a payout the rest approve.
 *
 * <p>Only approvals grow: a presignature still needs 2t+1 signers and 2t+1 partial signatures still combine.
 * Approvals are what bind, because an honest member posts its partial only after it has counted q approvals of
 * the agreed target on the board itself (docs/protocol.md, "Approval quorum").
 */
public record ApprovalQuorum(int members, int threshold) {
    public ApprovalQuorum {
        if (threshold < 1 || members < 2 * threshold + 1) {
            throw new IllegalArgumentException("an epoch of " + members + " members cannot have degree " + threshold
                    + " (t >= 1 and n >= 2t+1)");
        }
    }

    /** Partial signatures that combine into a signature (and members a presignature needs): 2t+1. */
    public int signers() {
        return 2 * threshold + 1;
    }

    /** Approvals an action moving the group's bitcoin out needs: the smallest q with 2q − n &gt; t, at least 2t+1. */
    public int payouts() {
        return Math.max(signers(), (members + threshold) / 2 + 1);
    }

    /** Approvals of one target that let the group sign an action of this kind. */
    public int approvalsFor(ActionKind kind) {
        return movesCoinsOut(kind) ? payouts() : signers();
    }

    /**
     * Whether an action of this kind can send the group's bitcoin to someone other than the group. The switch has no
     * default on purpose: a new kind does not compile until someone has decided which quorum it needs.
     */
    public static boolean movesCoinsOut(ActionKind kind) {
        return switch (kind) {
            // Payouts to redeemers (and CPFP bumps of them: same kind, the stricter rule costs nothing there).
            case REDEMPTION_PAYOUT_INPUT -> true;
            // Back to the departing member, to the forfeiture script, to whoever paid a non-qualifying amount.
            case STAKE_RETURN_INPUT, CONFISCATION_INPUT, NON_QUALIFYING_REFUND_INPUT -> true;
            // A sweep pays the group's own main output; the rest are sidechain messages or heartbeats. A mint
            // is keyed by its deposit outpoint on the contract, which takes each outpoint once.
            case SWEEP_INPUT, MINT, REDEMPTION_COMPLETION, HEARTBEAT, EPOCH_ROTATION, RESERVE_ATTESTATION,
                    HEADER_RELAY, CONFISCATION_RECORD, EVIDENCE_BINDING -> false;
        };
    }

    @Override
    public String toString() {
        return "ApprovalQuorum[n " + members + ", t " + threshold + ": " + signers() + " to sign, " + payouts()
                + " to pay out]";
    }
}
