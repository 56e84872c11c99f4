package io.synod.coordination.application.reshare;

import java.util.List;
import java.util.Optional;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.evidence.InvalidShareEvidence;

/**
 * The public outcome of a resharing at one participant: the new sharing (for a receiver: commitments of degree t'
 * whose constant term is the unchanged group key; empty at a dealer that does not receive), the dealers whose
 * dealings were left out (wrong constant term, or convicted by a complaint) with the evidence against the convicted
 * ones, and the members whose complaints convicted nobody (false accusers).
 */
public record ReshareResult(ReshareSession session, Optional<GroupKey> newGroup, List<Integer> excludedDealers,
        List<Integer> falseAccusers, List<InvalidShareEvidence> evidence) {
    public ReshareResult {
        excludedDealers = List.copyOf(excludedDealers);
        falseAccusers = List.copyOf(falseAccusers);
        evidence = List.copyOf(evidence);
    }
}
