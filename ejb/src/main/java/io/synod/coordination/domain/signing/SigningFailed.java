package io.synod.coordination.domain.signing;

import java.util.List;

/**
 * The group did not produce a signature for an action: too many members refused or missed the deadline, or
 * partial signatures were proven wrong and too few good ones remained. Names the members seen at fault.
 */
public final class SigningFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<Integer> culprits;

    public SigningFailed(String reason, List<Integer> culprits) {
        super(reason + (culprits.isEmpty() ? "" : " (culprits " + culprits + ")"));
        this.culprits = List.copyOf(culprits);
    }

    public List<Integer> culprits() {
        return culprits;
    }
}
