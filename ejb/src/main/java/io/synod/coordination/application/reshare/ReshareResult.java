package io.synod.coordination.application.reshare;

import java.util.List;
import java.util.Optional;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.evidence.InvalidShareEvidence;

/**
 * The public outcome of a resharing at one participant: the new sharing (for a receiver that completed: commitments
 * of degree t' whose constant term is the unchanged group key; empty at a dealer that does not receive, and when the
 * session aborted), the dealers whose dealings were left out (wrong constant term, or convicted by a complaint) with
 * the evidence against the convicted ones, and the members whose complaints convicted nobody (false accusers) with
 * their complaints in the same evidence form, which does not verify. Both lists of evidence are taken from the
 * signed board messages, so every member judges them again itself (the membership book decides, not this result).
 */
public record ReshareResult(ReshareSession session, Optional<GroupKey> newGroup, List<Integer> excludedDealers,
        List<Integer> falseAccusers, List<InvalidShareEvidence> evidence, List<InvalidShareEvidence> unfounded) {
    public ReshareResult {
        excludedDealers = List.copyOf(excludedDealers);
        falseAccusers = List.copyOf(falseAccusers);
        evidence = List.copyOf(evidence);
        unfounded = List.copyOf(unfounded);
    }

    /** Dealers left out without a complaint's evidence (their constant commitment is not their public share). */
    public List<Integer> leftOutWithoutEvidence() {
        return excludedDealers.stream().filter(d -> evidence.stream().noneMatch(e -> e.culprit() == d)).toList();
    }
}
