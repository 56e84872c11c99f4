package io.synod.threshold.inprocess;

import java.util.List;

import io.synod.threshold.CulpritException;
import io.synod.threshold.evidence.Evidence;

/** A harness run that stopped: the culprits all honest members agree on, and the evidence against them. */
public final class GroupAbort extends CulpritException {
    private final List<Evidence> evidence;

    public GroupAbort(String reason, List<Integer> culprits, List<Evidence> evidence) {
        super(reason, culprits);
        this.evidence = List.copyOf(evidence);
    }

    public List<Evidence> evidence() {
        return evidence;
    }
}
