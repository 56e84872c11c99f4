package io.synod.membership.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.application.signing.BoardEvidence;
import io.synod.coordination.application.signing.PartialFault;
import io.synod.coordination.application.signing.SignOutcome;
import io.synod.coordination.application.signing.SigningEvents;
import io.synod.coordination.application.signing.UnfoundedAccusation;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.message.SignatureVerifier;

/**
 * Takes what one member's signing core saw on the board to the member's own judgement: each invalid partial
 * signature proven on the board, and each invalid presigning product share found in a session's log, goes to the
 * {@link MisbehaviourDesk} (which verifies the threshold core's evidence
 * again, from the board and identity keys only, and convicts or records the accuser), each accusation that did not
 * hold records its accuser, and each settled signing session is counted by the {@link MissedDeadlineRule}. Every
 * item is taken once per process; the book's natural keys make a replay after a restart change nothing.
 */
public final class MisbehaviourIntake {

    /**
     * What one call decided here (new decisions only: {@code convicted} names members convicted here for the first
     * time; further evidence against them is kept in the book but not reported again).
     */
    public record Taken(List<String> convicted, List<String> falseAccusers, List<Exclusion> excludedForDeadlines) {
        public Taken {
            convicted = List.copyOf(convicted);
            falseAccusers = List.copyOf(falseAccusers);
            excludedForDeadlines = List.copyOf(excludedForDeadlines);
        }

        public boolean isEmpty() {
            return convicted.isEmpty() && falseAccusers.isEmpty() && excludedForDeadlines.isEmpty();
        }
    }

    private final MisbehaviourDesk desk;
    private final MissedDeadlineRule deadlines;
    private final Set<String> seen = new HashSet<>();

    public MisbehaviourIntake(MisbehaviourDesk desk, MissedDeadlineRule deadlines) {
        this.desk = desk;
        this.deadlines = deadlines;
    }

    public Taken take(SigningEvents events) {
        FoundingSet members = events.members();
        SignatureVerifier identities = IdentityKeys.verifier(members);
        List<String> convicted = new ArrayList<>();
        List<String> accusers = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        for (PartialFault f : events.faults()) {
            if (!seen.add("fault:" + f.session() + ":" + f.sequence())) {
                continue;
            }
            boolean before = convictedHere(members, f.culprit());
            MisbehaviourDesk.Verdict v = desk.judge(f.session(), f.accuser(), f.evidence(), identities,
                    members::byIndex);
            if (v == MisbehaviourDesk.Verdict.CONVICTED) {
                if (!before) {
                    convicted.add(members.member(f.culprit()).address());
                }
            } else {
                accusers.add(members.byIndex(f.accuser()).map(m -> m.address()).orElse("#" + f.accuser()));
            }
        }
        for (BoardEvidence b : events.evidence()) {
            if (!seen.add("evidence:" + b.session() + ":" + b.evidence().culprit())) {
                continue;
            }
            boolean before = convictedHere(members, b.evidence().culprit());
            if (desk.judge(b.session(), b.observer(), b.evidence(), identities, members::byIndex)
                    == MisbehaviourDesk.Verdict.CONVICTED && !before) {
                convicted.add(members.member(b.evidence().culprit()).address());
            }
        }
        for (UnfoundedAccusation u : events.unfounded()) {
            if (!seen.add("unfounded:" + u.session() + ":" + u.accuser() + ":" + u.accused())) {
                continue;
            }
            desk.unfounded(u.session(), u.accuser(), u.accused(), u.frame(), u.reason(), members::byIndex);
            accusers.add(members.byIndex(u.accuser()).map(m -> m.address()).orElse("#" + u.accuser()));
        }
        for (SignOutcome o : events.outcomes()) {
            if (!o.settled() || !seen.add("session:" + o.session())) {
                continue;
            }
            excluded.addAll(deadlines.sessionClosed(MissedDeadlineRule.attendanceOf(o, members.asMemberSet())));
        }
        return new Taken(convicted, accusers, excluded);
    }

    private boolean convictedHere(FoundingSet members, int index) {
        return members.byIndex(index).map(m -> desk.record().isConvicted(m.address())).orElse(false);
    }
}
