package io.synod.coordination.application;

import java.util.List;
import java.util.Optional;

/**
 * This node's view of group signing after genesis: where it stands ({@link Phase}), the group's contracts once
 * epoch 1 is recorded, the registry's current epoch (2 once the founders' stakes are recorded), its presignature
 * pool, open sub-sessions and signing sessions not yet decided, the payout-kind proposals it holds back because
 * fewer than {@code payoutQuorum} members are unsuspected, the members it suspects of being offline, and the
 * liveness judged from the last settled heartbeat: {@code liveness} is UNKNOWN, HEALTHY, ALERT (fewer than
 * 2t+1 + margin responded: operators are warned), PAYOUTS_STALLED (fewer than the payout approval quorum q: the
 * group signs, but no payout, refund, stake return or confiscation) or CRITICAL (fewer than 2t+1: the group cannot
 * sign). {@code quorum} is 2t+1, {@code payoutQuorum} is q = max(2t+1, ⌊(n+t)/2⌋+1); 0 for both before signing opens.
 */
public record SigningStatus(Phase phase, Optional<Contracts> contracts, int poolSize, long registryEpoch,
        int openSessions, int signingInProgress, int payoutsHeld, List<Integer> suspected, String liveness,
        int quorum, int payoutQuorum, int margin, Optional<Heartbeat> lastHeartbeat, Optional<String> detail) {

    public enum Phase {
        /** No founding set: the node runs alone and signs nothing. */
        NOT_CONFIGURED,
        /** Genesis has not completed here yet. */
        AWAITING_GENESIS,
        /** Signing runs; the group's registry is not recorded yet (deployment, binding signature or read-back). */
        RECORDING_EPOCH_1,
        /** Epoch 1 is recorded and checked; the group signs. */
        SIGNING,
        /** The registry's current epoch does not hold this node (it left or was excluded): it signs nothing. */
        NOT_A_MEMBER,
        /** The recorded epoch 1 does not match this member's genesis: it signs nothing more. */
        FAILED
    }

    /** The group's contracts on the sidechain (lowercase 0x addresses). */
    public record Contracts(String registry, String token, String redemption, String board, String evidence) {
    }

    /**
     * The last settled heartbeat: the action (epoch, sequence, board block), the tagged digest, the group
     * signature (r, s as 64 hex digits; absent if it failed) and the members that approved it in time.
     */
    public record Heartbeat(long epoch, long sequence, long boardBlock, String digest, Optional<String> r,
            Optional<String> s, List<Integer> responders, boolean signed) {
        public Heartbeat {
            responders = List.copyOf(responders);
        }
    }

    public SigningStatus {
        suspected = List.copyOf(suspected);
    }

    public static SigningStatus of(Phase phase, String detail) {
        return new SigningStatus(phase, Optional.empty(), 0, 0, 0, 0, 0, List.of(), "UNKNOWN", 0, 0, 0,
                Optional.empty(), Optional.ofNullable(detail));
    }
}
