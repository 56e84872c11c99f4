package io.synod.membership.domain;

import java.util.List;

/**
 * What this member has established about misbehaviour: convictions (from evidence it verified) and false
 * accusations. Confiscation is only ever signed for a member convicted here.
 */
public interface MisbehaviourRecord {
    void convicted(Conviction conviction);

    void falselyAccused(FalseAccusation accusation);

    List<Conviction> convictions();

    List<FalseAccusation> falseAccusations();

    default boolean isConvicted(String address) {
        return convictions().stream().anyMatch(c -> c.culprit().equalsIgnoreCase(address));
    }
}
