package io.synod.membership.infrastructure.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.FalseAccusation;
import io.synod.membership.domain.MisbehaviourRecord;

/** Convictions and false accusations in memory: tests and single-process devnets. */
public final class InMemoryMisbehaviourRecord implements MisbehaviourRecord {
    private final List<Conviction> convictions = new CopyOnWriteArrayList<>();
    private final List<FalseAccusation> falseAccusations = new CopyOnWriteArrayList<>();

    @Override
    public void convicted(Conviction conviction) {
        convictions.add(conviction);
    }

    @Override
    public void falselyAccused(FalseAccusation accusation) {
        falseAccusations.add(accusation);
    }

    @Override
    public List<Conviction> convictions() {
        return List.copyOf(convictions);
    }

    @Override
    public List<FalseAccusation> falseAccusations() {
        return List.copyOf(falseAccusations);
    }
}
