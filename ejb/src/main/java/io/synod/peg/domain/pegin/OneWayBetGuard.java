package io.synod.peg.domain.pegin;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.synod.shared.domain.Satoshis;

/**
 * The one-way-bet bound: the value the group holds for users must stay within {@code ratioPercent}% of the total
 * stake of the 2t+1 smallest stakes, the cheapest coalition that can sign alone. If such a coalition stole
 * everything it would forfeit at least its own stakes; keeping the value below that makes theft a losing bet
 * (see docs/threat-model.md, "One-way-bet guard"). Pure arithmetic, no I/O: each member computes it alike.
 */
public final class OneWayBetGuard {

    private final int ratioPercent;

    public OneWayBetGuard(int ratioPercent) {
        if (ratioPercent < 1 || ratioPercent > 100) {
            throw new IllegalArgumentException("the guard ratio is 1..100 percent: " + ratioPercent);
        }
        this.ratioPercent = ratioPercent;
    }

    public int ratioPercent() {
        return ratioPercent;
    }

    /** What the guard allows now: the bound, the value held (minted and in-flight), and the headroom left. */
    public record Status(Satoshis bound, Satoshis held, long headroom, int coalitionSize) {

        public boolean admits(Satoshis amount) {
            return amount.value() <= headroom;
        }
    }

    public Status status(StakeView stakes, Satoshis held) {
        int coalition = 2 * stakes.threshold() + 1;
        List<Satoshis> sorted = new ArrayList<>(stakes.stakes());
        Collections.sort(sorted);
        long sum = 0;
        if (sorted.size() >= coalition) {
            for (int i = 0; i < coalition; i++) {
                sum = Math.addExact(sum, sorted.get(i).value());
            }
        }
        // Fewer members than a signing coalition: nobody can sign, nothing may be held.
        long bound = BigInteger.valueOf(sum).multiply(BigInteger.valueOf(ratioPercent))
                .divide(BigInteger.valueOf(100)).longValueExact();
        return new Status(Satoshis.of(bound), held, bound - held.value(), coalition);
    }
}
