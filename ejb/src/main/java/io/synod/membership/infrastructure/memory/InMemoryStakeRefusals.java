package io.synod.membership.infrastructure.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.domain.StakeRefusals;

/** Stake refusals in memory: tests and single-process devnets. */
public final class InMemoryStakeRefusals implements StakeRefusals {
    private final List<StakeRefusal> refusals = new CopyOnWriteArrayList<>();

    @Override
    public void record(StakeRefusal refusal) {
        refusals.add(refusal);
    }

    @Override
    public List<StakeRefusal> list() {
        return List.copyOf(refusals);
    }
}
