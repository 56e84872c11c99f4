package io.synod.peg.application.invariants;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.ledger.InvariantChecker;
import io.synod.peg.domain.ledger.Ledger;

/**
 * Checks the invariants once per new block of either chain and records what differs. Call {@link #poll} from any
 * timer or block event (a {@code ChainFollower} or {@code LogFollower} round): it does nothing while both tips are
 * unchanged.
 *
 * <p>A difference becomes an alert when it is found at two successive checks (two distinct blocks), so within one
 * block of its appearance: the books record an event when they see it (a mint once mined, a burn once final, a
 * payout once confirmed), and one check may fall between an event and its booking. The same difference is alerted
 * once; an open alert is marked cleared at the first block where its invariant holds again. Nothing is corrected:
 * neither the books nor any chain is touched.
 */
public final class InvariantWatcher {

    private final Ledger ledger;
    private final PegFigures figures;
    private final AlertLog alerts;
    private final Clock clock;
    private final InvariantChecker checker = new InvariantChecker();
    private ChainTips lastTips;
    private List<InvariantChecker.Violation> previous = List.of();

    public InvariantWatcher(Ledger ledger, PegFigures figures, AlertLog alerts, Clock clock) {
        this.ledger = ledger;
        this.figures = figures;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Checks if either chain has a new block since the last check; returns the report of that check. */
    public synchronized Optional<InvariantChecker.Report> poll() {
        ChainTips tips = figures.tips();
        if (tips.equals(lastTips)) {
            return Optional.empty();
        }
        InvariantChecker.Report report = checker.check(ledger, figures.read(tips));
        List<InvariantAlert> open = alerts.open();
        for (InvariantAlert a : open) {
            if (report.violations().stream().noneMatch(a::reports)) {
                alerts.clear(a.id(), tips.describe());
            }
        }
        for (InvariantChecker.Violation v : report.violations()) {
            boolean alerted = open.stream().anyMatch(a -> a.reports(v));
            if (!alerted && previous.contains(v)) {
                alerts.raise(InvariantAlert.of(v, tips.describe(), report.evidence(), clock.instant()));
            }
        }
        previous = report.violations();
        lastTips = tips;
        return Optional.of(report);
    }
}
