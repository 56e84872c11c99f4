package io.synod.peg.application.views;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionStatus;

/**
 * The peg's read models over one member's own state: its peg-out store, deposit book and alert log, and the guard
 * as it computes it. Each call reads afresh; nothing is cached or changed.
 */
public final class PegQueries {

    private final PegOutStore pegOut;
    private final DepositBook deposits;
    private final io.synod.chain.bitcoin.Satoshis minDeposit;
    private final AlertLog alerts;
    private final Supplier<GuardSnapshot> guard;

    /**
     * @param minDeposit the peg-in minimum: a non-qualifying payment below it is BELOW_MINIMUM, any other one out of
     *                   range ABOVE_MAXIMUM (the deposit watcher sets NON_QUALIFYING for an amount out of range only)
     */
    public PegQueries(PegOutStore pegOut, DepositBook deposits, io.synod.chain.bitcoin.Satoshis minDeposit,
            AlertLog alerts, Supplier<GuardSnapshot> guard) {
        this.pegOut = pegOut;
        this.deposits = deposits;
        this.minDeposit = minDeposit;
        this.alerts = alerts;
        this.guard = guard;
    }

    public Optional<RedemptionView> redemption(long sequence) {
        return pegOut.redemption(sequence).map(r -> RedemptionView.of(r,
                r.batchId().isPresent() ? pegOut.batch(r.batchId().getAsLong()) : Optional.empty()));
    }

    public PegQueues queues() {
        List<DepositView> guarded = deposits.deposits().stream().filter(d -> d.state() == PegInState.QUEUED)
                .map(d -> DepositView.of(d, minDeposit)).toList();
        List<DepositView> refused = deposits.deposits().stream()
                .filter(d -> d.state() == PegInState.NON_QUALIFYING || d.state() == PegInState.TOO_LATE)
                .map(d -> DepositView.of(d, minDeposit)).toList();
        List<RedemptionView> limited = pegOut.redemptions(EnumSet.of(RedemptionStatus.QUEUED_BY_LIMIT)).stream()
                .map(r -> RedemptionView.of(r, Optional.empty())).toList();
        return new PegQueues(guarded, limited, refused);
    }

    public GuardSnapshot guard() {
        return guard.get();
    }

    /** The latest {@code limit} alerts, newest first, open and cleared. */
    public List<InvariantAlert> alerts(int limit) {
        return alerts.latest(limit);
    }
}
