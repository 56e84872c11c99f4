package io.synod.coordination.application.reshare;

import java.util.List;
import java.util.Optional;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;

/**
 * The public outcome of a resharing at one participant: the new sharing (for a receiver that completed: commitments
 * of degree t' whose constant term is the unchanged group key; empty at a dealer that does not receive, and when the
 * session aborted), the dealers whose dealings were left out (wrong constant term, or convicted by a complaint) with
 * the evidence against them (a signed dealing with the wrong constant, or an upheld complaint), and the members whose complaints convicted nobody (false accusers) with
 * their complaints in the same evidence form, which does not verify. Both lists of evidence are taken from the
 * signed board messages, so every member judges them again itself (the membership book decides, not this result).
 */
public record ReshareResult(ReshareSession session, Optional<GroupKey> newGroup, List<Integer> excludedDealers,
        List<Integer> falseAccusers, List<InvalidShareEvidence> evidence, List<InvalidShareEvidence> unfounded,
        List<WrongConstantEvidence> wrongConstants) {
    public ReshareResult {
        excludedDealers = List.copyOf(excludedDealers);
        falseAccusers = List.copyOf(falseAccusers);
        evidence = List.copyOf(evidence);
        unfounded = List.copyOf(unfounded);
        wrongConstants = List.copyOf(wrongConstants);
    }

    /**
     * Dealers left out with no evidence against them: always empty when the coordinator judged (a wrong constant
     * and an upheld complaint each carry their evidence); kept as the check that nobody is left out silently.
     */
    public List<Integer> leftOutWithoutEvidence() {
        return excludedDealers.stream().filter(d -> evidence.stream().noneMatch(e -> e.culprit() == d)
                && wrongConstants.stream().noneMatch(e -> e.culprit() == d)).toList();
    }
}
