package io.synod.membership.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.synod.shared.domain.SessionId;

/**
 * Every membership decision this member has taken, kept across restarts (PostgreSQL in the server, memory in the
 * in-process harness): stake refusals, convictions, false accusations, exclusions, the confiscation of each
 * convicted member's stake and the missed-deadline tallies. Each decision has a natural key (candidate and
 * outpoint; culprit and evidence hash; accuser, session and accused; member; session for a tally) and is written
 * once: asking again answers false and changes nothing, so a member that restarts and replays what it saw never
 * decides anything twice.
 */
public interface MembershipBook extends StakeRefusals, MisbehaviourRecord {

    /** Records the exclusion; false (nothing written) when the member was already excluded here. */
    boolean exclude(Exclusion exclusion);

    /** Exclusions, oldest first. */
    List<Exclusion> exclusions();

    default Optional<Exclusion> exclusionOf(String member) {
        String m = member.toLowerCase(Locale.ROOT);
        return exclusions().stream().filter(e -> e.member().equals(m)).findFirst();
    }

    /**
     * The member the next resharing must leave out: the earliest exclusion decided here (conviction or missed
     * deadlines) of someone still in {@code current}; empty when every excluded member is already gone.
     */
    default Optional<Exclusion> nextToLeaveOut(MemberSet current) {
        return exclusions().stream().filter(x -> current.byIndex(x.index())
                .filter(m -> m.address().equals(x.member())).isPresent()).findFirst();
    }

    /**
     * Saves where the confiscation of a member's stake stands. A new one must be {@link ConfiscationState#PENDING};
     * a known one may only move forward, for the same stake and evidence.
     *
     * @throws IllegalStateException when the change would move it backwards or change its stake or evidence
     */
    void confiscation(Confiscation confiscation);

    Optional<Confiscation> confiscationOf(String member);

    List<Confiscation> confiscations();

    /**
     * Counts one session's attendance: {@code after} are the tallies of the session's members once it is counted.
     * False (nothing written) when the session was counted before.
     */
    boolean tally(SessionId session, List<DeadlineTally> after);

    /** Every member's current tally, by index. */
    List<DeadlineTally> tallies();

    default int missedInARow(String member) {
        String m = member.toLowerCase(Locale.ROOT);
        return tallies().stream().filter(t -> t.member().equals(m)).mapToInt(DeadlineTally::missedInARow).findFirst()
                .orElse(0);
    }
}
