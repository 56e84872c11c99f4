package io.synod.peg.infrastructure.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.domain.ledger.InvariantAlert;

/** The alert log in memory, for tests and the benchmark; same contract as the PostgreSQL log. */
public final class InMemoryAlertLog implements AlertLog {

    private final List<InvariantAlert> alerts = new ArrayList<>();

    @Override
    public synchronized InvariantAlert raise(InvariantAlert a) {
        InvariantAlert stored = new InvariantAlert(alerts.size() + 1L, a.invariant(), a.expected(), a.found(), a.detail(),
                a.block(), a.evidence(), a.raisedAt(), Optional.empty());
        alerts.add(stored);
        return stored;
    }

    @Override
    public synchronized void clear(long id, String block) {
        InvariantAlert a = alerts.get((int) id - 1);
        if (a.open()) {
            alerts.set((int) id - 1, new InvariantAlert(a.id(), a.invariant(), a.expected(), a.found(), a.detail(),
                    a.block(), a.evidence(), a.raisedAt(), Optional.of(block)));
        }
    }

    @Override
    public synchronized List<InvariantAlert> open() {
        return alerts.stream().filter(InvariantAlert::open).toList();
    }

    @Override
    public synchronized List<InvariantAlert> latest(int limit) {
        return alerts.stream().sorted(Comparator.comparingLong(InvariantAlert::id).reversed()).limit(limit).toList();
    }
}
