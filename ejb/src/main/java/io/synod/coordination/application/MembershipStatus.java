package io.synod.coordination.application;

import java.util.List;
import java.util.Optional;

/**
 * This node's view of membership changes: its role in the registry's current epoch, the resharing the epoch is
 * closing with (kind, subject, session id, stage at this node, whether this node takes part and why not), the
 * stakes it refused with their reasons, the exclusions its book decided, and the stake returns it saw through.
 */
public record MembershipStatus(Role role, long registryEpoch, Optional<Resharing> resharing, List<Refusal> refusals,
        List<String> exclusions, List<String> stakeReturns, Optional<String> detail) {

    public enum Role {
        /** The group's contracts are not recorded here yet (or the founders' stakes, epoch 2). */
        WAITING,
        /** A member of the registry's current epoch. */
        MEMBER,
        /** Registered (or registering) as a candidate, not admitted yet. */
        CANDIDATE,
        /** Not a member of the current epoch (left or excluded). */
        FORMER_MEMBER,
        /** Neither member nor candidate. */
        NONE
    }

    /** The resharing that ends the current epoch, as this node follows it. */
    public record Resharing(String kind, String subject, String sessionId, long startBlock, String stage,
            boolean participating, Optional<String> detail) {
    }

    /** A stake this node refused: candidate, outpoint, typed reason and the figures behind it. */
    public record Refusal(String candidate, String stake, String reason, String detail) {
    }

    public MembershipStatus {
        refusals = List.copyOf(refusals);
        exclusions = List.copyOf(exclusions);
        stakeReturns = List.copyOf(stakeReturns);
    }

    public static MembershipStatus waiting(String detail) {
        return new MembershipStatus(Role.WAITING, 0, Optional.empty(), List.of(), List.of(), List.of(),
                Optional.ofNullable(detail));
    }

    public MembershipStatus withDetail(String d) {
        return new MembershipStatus(role, registryEpoch, resharing, refusals, exclusions, stakeReturns,
                Optional.ofNullable(d));
    }
}
