package io.synod.membership.domain;

import java.util.List;

/**
 * What this member has established about misbehaviour: convictions (from evidence it verified) and false
 * accusations. Confiscation is only ever signed for a member convicted here.
 */
public interface MisbehaviourRecord {
    /** Records the conviction; false (nothing written) when the same evidence already convicted the culprit. */
    boolean convicted(Conviction conviction);

    /** Records the false accusation; false when this accuser's accusation of that member in that session is known. */
    boolean falselyAccused(FalseAccusation accusation);

    List<Conviction> convictions();

    List<FalseAccusation> falseAccusations();

    default boolean isConvicted(String address) {
        return convictions().stream().anyMatch(c -> c.culprit().equalsIgnoreCase(address));
    }
}
