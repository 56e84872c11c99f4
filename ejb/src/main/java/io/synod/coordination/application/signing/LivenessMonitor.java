package io.synod.coordination.application.signing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.shared.domain.SessionId;

/**
 * Reads settled heartbeat sessions and tells operators whether enough members are alive: a heartbeat's responders
 * are the members that approved it by its approval deadline. From the most severe: below 2t+1 the group cannot sign
 * ({@link State#CRITICAL}); below the payout approval quorum q it still signs, but no payout, refund, stake return
 * or confiscation ({@link State#PAYOUTS_STALLED}, possible only where q &gt; 2t+1, e.g. n = 5, t = 1); below
 * 2t+1 + margin it signs everything but is close to the edge ({@link State#ALERT}). The margin is configured so
 * operators hear of it before signing becomes impossible.
 */
public final class LivenessMonitor {

    public enum State { UNKNOWN, HEALTHY, ALERT, PAYOUTS_STALLED, CRITICAL }

    /** One heartbeat as judged: who responded, against what the group needs (2t+1 to sign, q to pay out). */
    public record Report(SessionId heartbeat, Set<Integer> responders, int quorum, int payoutQuorum, int margin,
            boolean signed, State state) {
        public Report {
            responders = Set.copyOf(responders);
        }
    }

    private final ApprovalQuorum approvals;
    private final int margin;
    private final Set<SessionId> seen = new HashSet<>();
    private final List<Report> reports = new ArrayList<>();

    public LivenessMonitor(ApprovalQuorum approvals, int margin) {
        if (margin < 0) {
            throw new IllegalArgumentException("margin >= 0");
        }
        this.approvals = approvals;
        this.margin = margin;
    }

    /** The state a heartbeat answered by {@code responders} members shows. */
    public State judge(int responders) {
        if (responders < approvals.signers()) {
            return State.CRITICAL;
        }
        if (responders < approvals.payouts()) {
            return State.PAYOUTS_STALLED;
        }
        return responders < approvals.signers() + margin ? State.ALERT : State.HEALTHY;
    }

    /** Judges the heartbeat sessions among {@code outcomes} that have settled and were not judged before. */
    public synchronized List<Report> observe(List<SignOutcome> outcomes) {
        List<Report> fresh = new ArrayList<>();
        for (SignOutcome o : outcomes) {
            if (o.kind() != ActionKind.HEARTBEAT || !o.settled() || !seen.add(o.session())) {
                continue;
            }
            Report r = new Report(o.session(), o.responders(), approvals.signers(), approvals.payouts(), margin,
                    o.status() == SignOutcome.Status.SIGNED, judge(o.responders().size()));
            reports.add(r);
            fresh.add(r);
        }
        return fresh;
    }

    public synchronized State state() {
        return reports.isEmpty() ? State.UNKNOWN : reports.get(reports.size() - 1).state();
    }

    public synchronized Optional<Report> last() {
        return reports.isEmpty() ? Optional.empty() : Optional.of(reports.get(reports.size() - 1));
    }

    /** True when the last heartbeat showed fewer than 2t+1 + margin, or fewer than q, responders: tell operators. */
    public synchronized boolean alerting() {
        State s = state();
        return s == State.ALERT || s == State.PAYOUTS_STALLED || s == State.CRITICAL;
    }
}
