package io.synod.peg.application.views;

import java.util.List;

import io.synod.peg.domain.pegin.OneWayBetGuard;
import io.synod.peg.domain.pegin.StakeView;
import io.synod.shared.domain.Satoshis;

/**
 * The one-way-bet guard now: the bound (ratio × the 2t+1 smallest stakes), the value held for users (wrapped supply
 * plus mints in flight), the headroom left (negative when over), and the stakes it was computed from.
 */
public record GuardSnapshot(Satoshis bound, Satoshis held, long headroom, int ratioPercent, int threshold,
        int coalitionSize, List<Satoshis> stakes) {

    public GuardSnapshot {
        stakes = List.copyOf(stakes);
    }

    public static GuardSnapshot of(OneWayBetGuard guard, StakeView stakes, OneWayBetGuard.Status s) {
        return new GuardSnapshot(s.bound(), s.held(), s.headroom(), guard.ratioPercent(), stakes.threshold(),
                s.coalitionSize(), stakes.stakes().stream().sorted().toList());
    }
}
