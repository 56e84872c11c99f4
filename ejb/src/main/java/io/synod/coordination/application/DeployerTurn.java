package io.synod.coordination.application;

import java.time.Duration;
import java.util.Arrays;

import io.synod.membership.domain.FoundingSet;

/**
 * Who records epoch 1, decided without talking: the founders in index order, the first one at once, the one
 * ranked r after r·takeover has passed since genesis completed at that member without a signed binding. A slow
 * deployer thus costs one takeover period, and two deployers racing is harmless: members approve a binding only
 * for contracts they checked, and each records the first binding the group signed (docs/protocol.md).
 */
public record DeployerTurn(FoundingSet founders, int self, Duration takeover) {

    public DeployerTurn {
        founders.byIndex(self).orElseThrow(() -> new IllegalArgumentException("member " + self + " is no founder"));
        if (takeover.isNegative()) {
            throw new IllegalArgumentException("takeover must not be negative");
        }
    }

    /** This member's rank: 0 for the lowest index. */
    public int rank() {
        int[] ix = founders.indices().indices();
        return (int) Arrays.stream(ix).filter(i -> i < self).count();
    }

    /** True once it is this member's turn, {@code sinceGenesis} after its own genesis completed. */
    public boolean due(Duration sinceGenesis) {
        return sinceGenesis.compareTo(takeover.multipliedBy(rank())) >= 0;
    }
}
