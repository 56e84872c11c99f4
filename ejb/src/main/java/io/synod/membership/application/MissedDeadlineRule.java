package io.synod.membership.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.synod.coordination.application.signing.SignOutcome;
import io.synod.membership.domain.DeadlineTally;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.MissedDeadlinePolicy;
import io.synod.membership.domain.SessionAttendance;

/**
 * Exclusion after repeated missed deadlines. Fed with each closed session's attendance, it counts for every member
 * the deadlines it missed in a row: a miss adds one, posting in time resets the count to zero (the rule removes
 * members that are gone, not members that are slow now and then; those the liveness monitor reports). A member
 * whose count reaches the policy's limit is excluded: the decision is kept in the {@link MembershipBook}, taken
 * once, and the resharing flow leaves the member out of the next epoch ({@link MembershipBook#nextToLeaveOut}). Each session is
 * counted once, so a member that restarts and replays the board counts nothing twice.
 */
public final class MissedDeadlineRule {
    private final MissedDeadlinePolicy policy;
    private final MembershipBook book;
    private final Clock clock;

    public MissedDeadlineRule(MissedDeadlinePolicy policy, MembershipBook book, Clock clock) {
        this.policy = policy;
        this.book = book;
        this.clock = clock;
    }

    /** Counts one closed session; returns the exclusions it decided (none if the session was counted before). */
    public List<Exclusion> sessionClosed(SessionAttendance attendance) {
        List<DeadlineTally> after = new ArrayList<>();
        for (Map.Entry<Integer, String> m : attendance.expected().entrySet()) {
            int missed = attendance.posted().contains(m.getKey()) ? 0 : book.missedInARow(m.getValue()) + 1;
            after.add(new DeadlineTally(m.getValue(), m.getKey(), missed));
        }
        if (!book.tally(attendance.session(), after)) {
            return List.of();
        }
        List<Exclusion> decided = new ArrayList<>();
        for (DeadlineTally t : after) {
            if (t.missedInARow() >= policy.maxInARow()) {
                Exclusion x = new Exclusion(t.member(), t.index(), ExclusionCause.MISSED_DEADLINES,
                        t.missedInARow() + " board deadlines missed in a row (limit " + policy.maxInARow()
                                + "), the last in session " + attendance.session(), clock.instant());
                if (book.exclude(x)) {
                    decided.add(x);
                }
            }
        }
        return decided;
    }

    /**
     * A settled signing session as attendance: every member of the epoch was due to post its verdict by the
     * approval deadline; those that approved or refused in time posted, the others missed it.
     */
    public static SessionAttendance attendanceOf(SignOutcome outcome, MemberSet members) {
        if (!outcome.settled()) {
            throw new IllegalArgumentException("session " + outcome.session() + " is not settled yet");
        }
        Set<Integer> posted = new TreeSet<>(outcome.responders());
        posted.addAll(outcome.refusals().keySet());
        Map<Integer, String> expected = new java.util.TreeMap<>();
        members.members().forEach(m -> expected.put(m.index(), m.address()));
        posted.retainAll(expected.keySet());
        return new SessionAttendance(outcome.session(), expected, posted);
    }
}
