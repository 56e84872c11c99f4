package io.synod.membership.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.synod.chain.evm.Eip712;
import io.synod.coordination.application.signing.SignOutcome;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.MissedDeadlinePolicy;
import io.synod.membership.domain.SessionAttendance;
import io.synod.membership.infrastructure.memory.InMemoryMembershipBook;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;

/** The missed-deadline rule: misses in a row, reset on posting, one exclusion at the limit, sessions counted once. */
public class MissedDeadlineRuleTest {
    static final MemberSet MEMBERS = members(4);

    private final InMemoryMembershipBook book = new InMemoryMembershipBook();
    private final MissedDeadlineRule rule = new MissedDeadlineRule(new MissedDeadlinePolicy(3), book,
            Clock.systemUTC());

    /** n members with real identity and encryption keys (from fixed scalars), t = 1. */
    public static MemberSet members(int n) {
        List<FoundingMember> out = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            byte[] id = java.util.Arrays.copyOfRange(Secp256k1.mulG(java.math.BigInteger.valueOf(1000 + i))
                    .getEncoded(false), 1, 65);
            out.add(new FoundingMember(i, id, Secp256k1.mulG(java.math.BigInteger.valueOf(2000 + i))));
        }
        return new MemberSet(out, 1);
    }

    public static SessionId session(int k) {
        return new SessionId(Hashing.hash("test/session", new byte[] {(byte) k}));
    }

    public static SessionAttendance without(MemberSet members, int k, Integer... missing) {
        Map<Integer, String> expected = new java.util.TreeMap<>();
        members.members().forEach(m -> expected.put(m.index(), m.address()));
        Set<Integer> posted = new java.util.TreeSet<>(expected.keySet());
        posted.removeAll(List.of(missing));
        return new SessionAttendance(session(k), expected, posted);
    }

    private String address(int i) {
        return MEMBERS.member(i).address();
    }

    @Test
    void aMemberThatMissesTheLimitInARowIsExcludedOnceAndLeftOutOfTheNextEpoch() {
        assertThat(rule.sessionClosed(without(MEMBERS, 1, 4))).isEmpty();
        assertThat(rule.sessionClosed(without(MEMBERS, 2, 4, 2))).isEmpty();
        assertThat(book.missedInARow(address(4))).isEqualTo(2);
        assertThat(book.missedInARow(address(2))).isEqualTo(1);
        List<Exclusion> third = rule.sessionClosed(without(MEMBERS, 3, 4));
        assertThat(third).singleElement().satisfies(x -> {
            assertThat(x.member()).isEqualTo(address(4));
            assertThat(x.index()).isEqualTo(4);
            assertThat(x.cause()).isEqualTo(ExclusionCause.MISSED_DEADLINES);
            assertThat(x.detail()).startsWith("3 board deadlines missed in a row (limit 3)");
        });
        assertThat(book.missedInARow(address(2))).as("posted in time: reset").isZero();
        assertThat(rule.sessionClosed(without(MEMBERS, 4, 4))).as("decided once").isEmpty();
        assertThat(book.exclusions()).hasSize(1);
        assertThat(book.nextToLeaveOut(MEMBERS)).map(Exclusion::index).contains(4);
        assertThat(book.nextToLeaveOut(MEMBERS.without(4, 1))).as("already left out").isEmpty();
    }

    @Test
    void postingInTimeResetsTheCountAndASessionReplayedAfterARestartCountsNothing() {
        rule.sessionClosed(without(MEMBERS, 1, 3));
        rule.sessionClosed(without(MEMBERS, 2, 3));
        assertThat(rule.sessionClosed(without(MEMBERS, 2, 3))).isEmpty();
        assertThat(book.missedInARow(address(3))).as("session 2 counted once").isEqualTo(2);
        rule.sessionClosed(without(MEMBERS, 3));
        assertThat(book.missedInARow(address(3))).isZero();
        rule.sessionClosed(without(MEMBERS, 4, 3));
        rule.sessionClosed(without(MEMBERS, 5, 3));
        assertThat(book.exclusions()).as("two, a post, two: never three in a row").isEmpty();
        assertThat(book.nextToLeaveOut(MEMBERS)).isEmpty();
    }

    @Test
    void aSettledSigningSessionTellsWhoPostedAVerdictBeforeTheApprovalDeadline() {
        SignOutcome settled = new SignOutcome(session(9), 1, ActionKind.HEARTBEAT, SignOutcome.Status.SIGNED,
                Optional.empty(), Set.of(1, 2), Map.of(3, "refused: stale"), List.of(), List.of(), "", true,
                Optional.empty());
        SessionAttendance a = MissedDeadlineRule.attendanceOf(settled, MEMBERS);
        assertThat(a.session()).isEqualTo(session(9));
        assertThat(a.posted()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(a.expected()).containsOnlyKeys(1, 2, 3, 4).containsEntry(4, address(4));
        SignOutcome running = new SignOutcome(session(9), 1, ActionKind.HEARTBEAT, SignOutcome.Status.RUNNING,
                Optional.empty(), Set.of(1), Map.of(), List.of(), List.of(), "", false, Optional.empty());
        assertThatThrownBy(() -> MissedDeadlineRule.attendanceOf(running, MEMBERS))
                .hasMessageContaining("not settled");
    }

    @Test
    void thePolicyComesFromTheSettingWithADefaultAndRefusesNonsense() {
        assertThat(MissedDeadlinePolicy.from(k -> null).maxInARow()).isEqualTo(MissedDeadlinePolicy.DEFAULT);
        assertThat(MissedDeadlinePolicy.from(k -> k.equals("synod.group.max-missed-deadlines") ? " 5 " : null)
                .maxInARow()).isEqualTo(5);
        assertThatThrownBy(() -> MissedDeadlinePolicy.from(k -> "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MissedDeadlinePolicy.from(k -> "many")).hasMessageContaining("not a number");
        assertThat(Eip712.addressOf(MEMBERS.member(1).identityKey()).toLowerCase()).isEqualTo(address(1));
    }
}
