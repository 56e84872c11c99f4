package io.synod.coordination.domain.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.synod.membership.domain.ThresholdPolicy;

/**
 * The approval quorum for every group size 4..12 and every degree such a group can have (n ≥ 2t+1), checked by
 * enumerating member sets rather than by the formula it implements: two payout approval sets always share more
 * than t members (so at least one honest one), one member fewer would not, and the group still pays out with t
 * members down wherever it can sign anything with t down.
 */
class ApprovalQuorumTest {
    private static final int MIN_N = 4;
    private static final int MAX_N = 12;

    /** The fewest members two q-sets among n can share, found by trying every q-set against one fixed q-set. */
    private static int smallestOverlap(int n, int q) {
        int fixed = (1 << q) - 1;
        int least = Integer.MAX_VALUE;
        for (int other = 0; other < 1 << n; other++) {
            if (Integer.bitCount(other) == q) {
                least = Math.min(least, Integer.bitCount(fixed & other));
            }
        }
        return least;
    }

    @Test
    void anyTwoPayoutApprovalSetsShareMoreThanTMembersAndOneFewerWouldNot() {
        int checked = 0;
        for (int n = MIN_N; n <= MAX_N; n++) {
            for (int t = 1; 2 * t + 1 <= n; t++) {
                ApprovalQuorum quorum = new ApprovalQuorum(n, t);
                int q = quorum.payouts();
                assertThat(smallestOverlap(n, q)).as("two sets of %d among n %d, t %d share an honest member", q, n, t)
                        .isGreaterThan(t);
                assertThat(q).as("never below the signing threshold").isGreaterThanOrEqualTo(2 * t + 1);
                if (q > 2 * t + 1) {
                    assertThat(smallestOverlap(n, q - 1)).as("%d would not be enough at n %d, t %d", q - 1, n, t)
                            .isLessThanOrEqualTo(t);
                }
                checked++;
            }
        }
        assertThat(checked).as("(n, t) pairs tried").isEqualTo(29);
    }

    @Test
    void payoutsStayLiveWithTMembersDownWheneverSigningIsAndCostNothingWhereNIsAtMost3tPlus1() {
        for (int n = MIN_N; n <= MAX_N; n++) {
            for (int t = 1; 2 * t + 1 <= n; t++) {
                ApprovalQuorum quorum = new ApprovalQuorum(n, t);
                if (n >= 3 * t + 1) {
                    assertThat(quorum.payouts()).as("n %d, t %d: t members down still leave q", n, t)
                            .isLessThanOrEqualTo(n - t);
                }
                if (n <= 3 * t + 1) {
                    assertThat(quorum.payouts()).as("n %d, t %d: 2t+1 sets already intersect", n, t)
                            .isEqualTo(quorum.signers());
                }
            }
        }
    }

    @Test
    void underTheGroupsThresholdPoliciesOnlyNFiveOneSpareNeedsMoreThan2tPlus1() {
        for (int n = MIN_N; n <= MAX_N; n++) {
            int t = ThresholdPolicy.ONE_SPARE.degreeFor(n);
            ApprovalQuorum quorum = new ApprovalQuorum(n, t);
            assertThat(quorum.payouts()).as("one spare, n %d, t %d", n, t)
                    .isEqualTo(n == 5 ? 4 : 2 * t + 1);
        }
        for (int spare = 0; spare <= 3; spare++) {
            ThresholdPolicy policy = new ThresholdPolicy(spare);
            for (int n = MIN_N; n <= MAX_N; n++) {
                int t = policy.degreeFor(n);
                int q = new ApprovalQuorum(n, t).payouts();
                assertThat(smallestOverlap(n, q)).as("spare %d, n %d", spare, n).isGreaterThan(t);
            }
        }
    }

    @Test
    void onlyKindsThatPayBitcoinOutsideTheGroupNeedThePayoutQuorum() {
        Set<ActionKind> out = EnumSet.noneOf(ActionKind.class);
        for (ActionKind k : ActionKind.values()) {
            if (ApprovalQuorum.movesCoinsOut(k)) {
                out.add(k);
            }
        }
        assertThat(out).containsExactlyInAnyOrder(ActionKind.REDEMPTION_PAYOUT_INPUT, ActionKind.STAKE_RETURN_INPUT,
                ActionKind.CONFISCATION_INPUT, ActionKind.NON_QUALIFYING_REFUND_INPUT);
        ApprovalQuorum five = new ApprovalQuorum(5, 1);
        assertThat(five.approvalsFor(ActionKind.REDEMPTION_PAYOUT_INPUT)).isEqualTo(4);
        assertThat(five.approvalsFor(ActionKind.NON_QUALIFYING_REFUND_INPUT)).isEqualTo(4);
        assertThat(five.approvalsFor(ActionKind.SWEEP_INPUT)).as("pays the group's own output").isEqualTo(3);
        assertThat(five.approvalsFor(ActionKind.MINT)).isEqualTo(3);
        assertThat(new ApprovalQuorum(4, 1).approvalsFor(ActionKind.REDEMPTION_PAYOUT_INPUT)).isEqualTo(3);
    }

    @Test
    void anEpochThatCannotExistIsRefused() {
        assertThatThrownBy(() -> new ApprovalQuorum(4, 2)).hasMessageContaining("4 members cannot have degree 2");
        assertThatThrownBy(() -> new ApprovalQuorum(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
