package io.synod.peg.application.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who proposes sweeps, payouts and group jobs, decided by every member alike without talking: the configured
 * proposer first, then the other members by index; the proposer is the first of them that the signing core does not
 * suspect of being offline (silent past a signing deadline, which is the takeover's grace). If every member is
 * suspected, the configured one.
 */
record ProposerRank(List<Integer> order) {

    ProposerRank {
        if (order.isEmpty() || order.stream().distinct().count() != order.size()) {
            throw new IllegalArgumentException("a proposer rank lists each member once: " + order);
        }
        order = List.copyOf(order);
    }

    static ProposerRank of(Collection<Integer> members, int leader) {
        if (!members.contains(leader)) {
            throw new IllegalArgumentException("proposer " + leader + " is not a member of " + members);
        }
        List<Integer> order = new ArrayList<>(members.stream().sorted().toList());
        order.remove(Integer.valueOf(leader));
        order.add(0, leader);
        return new ProposerRank(order);
    }

    int proposer(Collection<Integer> suspected) {
        return order.stream().filter(m -> !suspected.contains(m)).findFirst().orElse(order.get(0));
    }
}
