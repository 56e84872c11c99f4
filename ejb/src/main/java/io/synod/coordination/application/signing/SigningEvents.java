package io.synod.coordination.application.signing;

import java.util.List;

import io.synod.membership.domain.FoundingSet;

/**
 * What one member's signing core has seen on the board so far, for the membership context to judge: proven
 * invalid partial signatures (with the threshold core's evidence), evidence it built itself from presigning logs
 * (invalid product shares), accusations that did not hold, every signing
 * session it followed (settled ones carry who answered by the approval deadline) and the presignature each one
 * named with who posted partials with it (for the unapproved-digest audit). {@code members} is the roster
 * of the epoch's channel and {@code self} this member's index in it.
 */
public record SigningEvents(long epoch, int self, FoundingSet members, List<PartialFault> faults,
        List<BoardEvidence> evidence, List<UnfoundedAccusation> unfounded, List<SignOutcome> outcomes, List<PresignatureUse> presignatures,
        long headBlock) {
    public SigningEvents {
        presignatures = List.copyOf(presignatures);
        faults = List.copyOf(faults);
        evidence = List.copyOf(evidence);
        unfounded = List.copyOf(unfounded);
        outcomes = List.copyOf(outcomes);
    }

    /** A consistent snapshot of {@code c} (each list read under the coordinator's lock). */
    public static SigningEvents of(long epoch, SigningCoordinator c) {
        synchronized (c) {
            return new SigningEvents(epoch, c.self(), c.members(), c.faults(), c.evidence(), c.unfoundedAccusations(), c.outcomes(),
                    c.presignatureUses(), c.headBlock());
        }
    }
}
