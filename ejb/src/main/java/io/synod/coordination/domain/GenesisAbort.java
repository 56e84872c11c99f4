package io.synod.coordination.domain;

import java.util.List;

/** Key generation could not produce a key: names the founders proven (or seen) at fault and the reason. */
public final class GenesisAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Integer> culprits;

    public GenesisAbort(String reason, List<Integer> culprits) {
        super(reason + " (culprits " + culprits + ")");
        this.culprits = List.copyOf(culprits);
    }

    public List<Integer> culprits() {
        return culprits;
    }
}
