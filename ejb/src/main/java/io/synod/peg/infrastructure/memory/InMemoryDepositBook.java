package io.synod.peg.infrastructure.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.RevealedDeposit;

/** The peg-in book in memory: outlives the watcher and coordinator instances that use it, like a database would. */
public final class InMemoryDepositBook implements DepositBook {

    private final Map<String, RevealedDeposit> reveals = new LinkedHashMap<>();
    private final Map<Outpoint, PegInDeposit> deposits = new LinkedHashMap<>();

    @Override
    public synchronized boolean addReveal(RevealedDeposit reveal) {
        return reveals.putIfAbsent(reveal.revealId(), reveal) == null;
    }

    @Override
    public synchronized List<RevealedDeposit> reveals() {
        return List.copyOf(reveals.values());
    }

    @Override
    public synchronized Optional<PegInDeposit> find(Outpoint outpoint) {
        return Optional.ofNullable(deposits.get(outpoint));
    }

    @Override
    public synchronized void save(PegInDeposit deposit) {
        deposits.put(deposit.outpoint(), deposit);
    }

    @Override
    public synchronized List<PegInDeposit> deposits() {
        return new ArrayList<>(deposits.values());
    }
}
