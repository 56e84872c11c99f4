package io.synod.peg.infrastructure.node;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.synod.peg.application.pegout.GroupCoins;

/**
 * The group's coins less the members' stake outpoints: stakes are paid to the group's address too, but they are
 * returned or confiscated as themselves, so a payout must never spend one.
 */
public final class StakeFreeCoins implements GroupCoins {

    private final GroupCoins all;
    private final Supplier<Set<String>> stakes;

    public StakeFreeCoins(GroupCoins all, Supplier<Set<String>> stakes) {
        this.all = all;
        this.stakes = stakes;
    }

    @Override
    public List<Coin> confirmed() {
        Set<String> excluded = stakes.get();
        return all.confirmed().stream().filter(c -> !excluded.contains(c.utxo().outpoint().toString())).toList();
    }
}
