package io.synod.threshold;

import java.util.List;

/** A failure attributed to members: the reason and the culprits' indices, never a secret. */
public class CulpritException extends ThresholdException {
    private final List<Integer> culprits;

    public CulpritException(String reason, List<Integer> culprits) {
        super(reason + " (culprits " + culprits + ")");
        this.culprits = List.copyOf(culprits);
    }

    public List<Integer> culprits() {
        return culprits;
    }
}
