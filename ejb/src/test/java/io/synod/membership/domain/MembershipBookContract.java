package io.synod.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.SessionId;

/**
 * What every {@link MembershipBook} must do, run against each implementation: one decision per natural key (asked
 * again: false, nothing changes), decisions kept in the order taken, confiscations forward only, each session's
 * attendance counted once; and the same after the book is reopened on the same store.
 */
public abstract class MembershipBookContract {
    protected static final String ALICE = "0x00000000000000000000000000000000000000a1";
    protected static final String BOB = "0x00000000000000000000000000000000000000b2";
    protected static final Instant AT = Instant.parse("2026-11-25T12:00:00.123456789Z");
    protected static final Outpoint STAKE = Outpoint.parse("ab".repeat(32) + ":1");
    protected static final Outpoint OTHER_STAKE = Outpoint.parse("cd".repeat(32) + ":0");
    protected static final SessionId SESSION = new SessionId(new byte[32]);
    protected static final SessionId LATER = new SessionId(filled(7));
    protected static final String TXID = "ef".repeat(32);

    /** A new, empty book. */
    protected abstract MembershipBook book();

    /** The book of the last {@link #book()} opened again on the same store (a restarted member). */
    protected abstract MembershipBook reopened();

    protected static byte[] filled(int b) {
        byte[] out = new byte[32];
        java.util.Arrays.fill(out, (byte) b);
        return out;
    }

    protected static Conviction conviction(String culprit, byte[] evidence) {
        return new Conviction(culprit, 2, SESSION, "InvalidShareEvidence", evidence, "verified by this member", AT);
    }

    @Test
    void aStakeRefusalIsKeptOncePerCandidateAndOutpointInTheOrderTaken() {
        MembershipBook b = book();
        StakeRefusal first = new StakeRefusal(ALICE, STAKE, StakeRefusalReason.UNCONFIRMED, "1 of 3 confirmations", AT);
        assertThat(b.record(first)).isTrue();
        assertThat(b.record(new StakeRefusal(ALICE, STAKE, StakeRefusalReason.BELOW_MINIMUM, "later", AT))).isFalse();
        assertThat(b.record(new StakeRefusal(ALICE, OTHER_STAKE, StakeRefusalReason.MISSING, "no output", AT)))
                .isTrue();
        assertThat(b.record(new StakeRefusal(BOB, STAKE, StakeRefusalReason.ALREADY_USED, "named by alice", AT)))
                .isTrue();
        assertThat(b.list()).extracting(StakeRefusal::reason).containsExactly(StakeRefusalReason.UNCONFIRMED,
                StakeRefusalReason.MISSING, StakeRefusalReason.ALREADY_USED);
        assertThat(b.list().get(0)).isEqualTo(first);
        assertThat(b.list().get(0).at()).as("kept to the microsecond").isEqualTo("2026-11-25T12:00:00.123456Z");
    }

    @Test
    void aConvictionIsKeptOncePerCulpritAndEvidenceWithItsEvidenceBytes() {
        MembershipBook b = book();
        Conviction c = conviction(BOB, new byte[] {1, 2, 3});
        assertThat(b.isConvicted(BOB)).isFalse();
        assertThat(b.convicted(c)).isTrue();
        assertThat(b.convicted(conviction(BOB, new byte[] {1, 2, 3}))).as("the same evidence again").isFalse();
        assertThat(b.convicted(conviction(BOB, new byte[] {4}))).as("other evidence against the same member").isTrue();
        assertThat(b.convictions()).hasSize(2).first().isEqualTo(c);
        assertThat(b.convictions().get(0).evidence()).containsExactly(1, 2, 3);
        assertThat(b.isConvicted(BOB.toUpperCase().replace("0X", "0x"))).isTrue();
        assertThat(b.isConvicted(ALICE)).isFalse();
    }

    @Test
    void aFalseAccusationIsKeptOncePerAccuserSessionAndAccused() {
        MembershipBook b = book();
        FalseAccusation f = new FalseAccusation(ALICE, 3, 1, SESSION, new byte[] {9}, "does not verify", AT);
        assertThat(b.falselyAccused(f)).isTrue();
        assertThat(b.falselyAccused(new FalseAccusation(ALICE, 3, 1, SESSION, new byte[] {8}, "again", AT))).isFalse();
        assertThat(b.falselyAccused(new FalseAccusation(ALICE, 3, 2, SESSION, new byte[0], "other dealer", AT)))
                .isTrue();
        assertThat(b.falselyAccused(new FalseAccusation(ALICE, 3, 1, LATER, new byte[0], "later session", AT)))
                .isTrue();
        assertThat(b.falseAccusations()).hasSize(3).first().isEqualTo(f);
        assertThat(b.convictions()).isEmpty();
    }

    @Test
    void anExclusionIsDecidedOncePerMember() {
        MembershipBook b = book();
        Exclusion x = new Exclusion(BOB, 2, ExclusionCause.MISSED_DEADLINES, "3 deadlines in a row", AT);
        assertThat(b.exclude(x)).isTrue();
        assertThat(b.exclude(new Exclusion(BOB, 2, ExclusionCause.CONVICTED, "later", AT))).isFalse();
        assertThat(b.exclusions()).containsExactly(x);
        assertThat(b.exclusionOf(BOB)).contains(x);
        assertThat(b.exclusionOf(ALICE)).isEmpty();
    }

    @Test
    void aConfiscationStartsPendingAndOnlyMovesForwardOnOneTransaction() {
        MembershipBook b = book();
        Conviction c = conviction(BOB, new byte[] {5});
        Confiscation pending = Confiscation.pending(c, STAKE, AT);
        assertThatThrownBy(() -> b.confiscation(pending.advance(ConfiscationState.BROADCAST, TXID, AT)))
                .as("unknown confiscations start pending").isInstanceOf(IllegalStateException.class);
        b.confiscation(pending);
        Confiscation broadcast = pending.advance(ConfiscationState.BROADCAST, TXID, AT);
        b.confiscation(broadcast);
        assertThatThrownBy(() -> b.confiscation(pending)).as("never backwards")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.confiscation(new Confiscation(BOB, STAKE, c.evidenceHash(),
                ConfiscationState.CONFIRMED, Optional.of("01".repeat(32)), AT)))
                .as("never another transaction").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.confiscation(new Confiscation(BOB, OTHER_STAKE, c.evidenceHash(),
                ConfiscationState.CONFIRMED, Optional.of(TXID), AT)))
                .as("never another stake").isInstanceOf(IllegalStateException.class);
        assertThat(b.confiscationOf(BOB)).contains(broadcast);
        Confiscation confirmed = broadcast.advance(ConfiscationState.CONFIRMED, TXID, AT.plusSeconds(60));
        b.confiscation(confirmed);
        assertThat(b.confiscationOf(BOB)).contains(confirmed);
        assertThat(b.confiscations()).containsExactly(confirmed);
        assertThat(b.confiscationOf(ALICE)).isEmpty();
    }

    @Test
    void eachSessionsAttendanceIsCountedOnce() {
        MembershipBook b = book();
        assertThat(b.tally(SESSION, List.of(new DeadlineTally(ALICE, 1, 0), new DeadlineTally(BOB, 2, 1)))).isTrue();
        assertThat(b.tally(SESSION, List.of(new DeadlineTally(BOB, 2, 2)))).isFalse();
        assertThat(b.missedInARow(BOB)).isEqualTo(1);
        assertThat(b.tally(LATER, List.of(new DeadlineTally(BOB, 2, 2)))).isTrue();
        assertThat(b.tallies()).containsExactly(new DeadlineTally(ALICE, 1, 0), new DeadlineTally(BOB, 2, 2));
        assertThat(b.missedInARow(ALICE)).isZero();
        assertThat(b.missedInARow("0x" + "9".repeat(40))).isZero();
    }

    @Test
    void decisionsTakenBeforeAReopenAreStillThereAndAreNotTakenTwice() {
        MembershipBook b = book();
        StakeRefusal refusal = new StakeRefusal(ALICE, STAKE, StakeRefusalReason.BELOW_MINIMUM,
                "99999 sat is below the minimum of 100000 sat", AT);
        Conviction c = conviction(BOB, new byte[] {7, 7});
        Exclusion x = new Exclusion(BOB, 2, ExclusionCause.CONVICTED, "invalid share", AT);
        b.record(refusal);
        b.convicted(c);
        b.exclude(x);
        b.confiscation(Confiscation.pending(c, STAKE, AT));
        b.tally(SESSION, List.of(new DeadlineTally(ALICE, 1, 1)));

        MembershipBook again = reopened();
        assertThat(again.list()).containsExactly(refusal);
        assertThat(again.convictions()).containsExactly(c);
        assertThat(again.isConvicted(BOB)).isTrue();
        assertThat(again.exclusions()).containsExactly(x);
        assertThat(again.confiscationOf(BOB)).map(Confiscation::state).contains(ConfiscationState.PENDING);
        assertThat(again.missedInARow(ALICE)).isEqualTo(1);
        // Replaying what the member saw before the restart decides nothing new.
        assertThat(again.record(refusal)).isFalse();
        assertThat(again.convicted(conviction(BOB, new byte[] {7, 7}))).isFalse();
        assertThat(again.exclude(x)).isFalse();
        assertThat(again.tally(SESSION, List.of(new DeadlineTally(ALICE, 1, 2)))).isFalse();
        assertThatThrownBy(() -> again.confiscation(Confiscation.pending(c, STAKE, AT)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(again.list()).hasSize(1);
        assertThat(again.convictions()).hasSize(1);
        assertThat(again.missedInARow(ALICE)).isEqualTo(1);
    }
}
