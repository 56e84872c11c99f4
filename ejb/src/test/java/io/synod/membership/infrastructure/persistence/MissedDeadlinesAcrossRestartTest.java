package io.synod.membership.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.synod.membership.application.MissedDeadlineRule;
import io.synod.membership.application.MissedDeadlineRuleTest;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.MissedDeadlinePolicy;

/**
 * The missed-deadline rule on PostgreSQL across a restart: the counts survive, the session replayed after the
 * restart counts nothing, the third miss excludes the member once.
 */
class MissedDeadlinesAcrossRestartTest {

    @Test
    void countsSurviveARestartAndTheLimitExcludesOnce() throws Exception {
        MemberSet members = MissedDeadlineRuleTest.members(4);
        MissedDeadlinePolicy policy = new MissedDeadlinePolicy(3);
        try (MembershipDatabase db = new MembershipDatabase()) {
            DataSource ds = db.fresh();
            MembershipBook before = db.book(ds);
            MissedDeadlineRule rule = new MissedDeadlineRule(policy, before, Clock.systemUTC());
            rule.sessionClosed(MissedDeadlineRuleTest.without(members, 1, 2));
            rule.sessionClosed(MissedDeadlineRuleTest.without(members, 2, 2));
            db.closeBooks();

            MembershipBook after = db.book(ds);
            MissedDeadlineRule restarted = new MissedDeadlineRule(policy, after, Clock.systemUTC());
            assertThat(after.missedInARow(members.member(2).address())).isEqualTo(2);
            assertThat(restarted.sessionClosed(MissedDeadlineRuleTest.without(members, 2, 2))).as("replayed").isEmpty();
            assertThat(after.missedInARow(members.member(2).address())).isEqualTo(2);
            assertThat(restarted.sessionClosed(MissedDeadlineRuleTest.without(members, 3, 2))).singleElement()
                    .satisfies(x -> assertThat(x.index()).isEqualTo(2));
            assertThat(restarted.sessionClosed(MissedDeadlineRuleTest.without(members, 4, 2))).isEmpty();
            assertThat(after.exclusions()).hasSize(1);
            assertThat(after.nextToLeaveOut(members)).map(x -> x.member())
                    .contains(members.member(2).address());
        }
    }
}
