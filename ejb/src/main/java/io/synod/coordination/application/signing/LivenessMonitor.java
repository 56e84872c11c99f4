package io.synod.coordination.application.signing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.shared.domain.SessionId;

/**
 * Reads settled heartbeat sessions and tells operators whether enough members are alive: a heartbeat's responders
 * are the members that approved it by its approval deadline. Below 2t+1 + margin the group can still sign but is
 * close to the edge ({@link State#ALERT}); below 2t+1 it cannot sign ({@link State#CRITICAL}). The margin is
 * configured so operators hear of it before signing becomes impossible.
 */
public final class LivenessMonitor {

    public enum State { UNKNOWN, HEALTHY, ALERT, CRITICAL }

    /** One heartbeat as judged: who responded, against what the group needs. */
    public record Report(SessionId heartbeat, Set<Integer> responders, int quorum, int margin, boolean signed,
            State state) {
        public Report {
            responders = Set.copyOf(responders);
        }
    }

    private final int quorum;
    private final int margin;
    private final Set<SessionId> seen = new HashSet<>();
    private final List<Report> reports = new ArrayList<>();

    public LivenessMonitor(int t, int margin) {
        if (t < 1 || margin < 0) {
            throw new IllegalArgumentException("t >= 1 and margin >= 0");
        }
        this.quorum = 2 * t + 1;
        this.margin = margin;
    }

    /** Judges the heartbeat sessions among {@code outcomes} that have settled and were not judged before. */
    public synchronized List<Report> observe(List<SignOutcome> outcomes) {
        List<Report> fresh = new ArrayList<>();
        for (SignOutcome o : outcomes) {
            if (o.kind() != ActionKind.HEARTBEAT || !o.settled() || !seen.add(o.session())) {
                continue;
            }
            int n = o.responders().size();
            State s = n < quorum ? State.CRITICAL : n < quorum + margin ? State.ALERT : State.HEALTHY;
            Report r = new Report(o.session(), o.responders(), quorum, margin,
                    o.status() == SignOutcome.Status.SIGNED, s);
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

    /** True when the last heartbeat showed fewer than 2t+1 + margin responders: operators must be told. */
    public synchronized boolean alerting() {
        State s = state();
        return s == State.ALERT || s == State.CRITICAL;
    }
}
