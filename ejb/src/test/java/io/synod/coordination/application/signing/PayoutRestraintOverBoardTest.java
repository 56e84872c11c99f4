package io.synod.coordination.application.signing;

import static io.synod.coordination.application.signing.SigningOverBoardTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigningContract;
import io.synod.coordination.domain.signing.GroupSigningContract.ListedAction;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * Five members, t = 1, over the real MessageBoard on anvil: a payout input needs q = 4 approvals where other actions
 * need 2t+1 = 3. With two members down, member 1's payout request is held in its queue: no proposal reaches the
 * board, so no presignature is named (a named one is spent whatever the session's outcome) and no session fails at
 * its approval deadline, while heartbeats and an attestation proposed after it still sign, and the liveness monitor
 * reports PAYOUTS_STALLED rather than HEALTHY or ALERT. Once one member's server is back (restarted, reading the
 * channel again) and answers a heartbeat, the same request is proposed and signed by four approvers.
 */
class PayoutRestraintOverBoardTest {
    private static final int N = 5;
    private static final int T = 1;
    private static final long EPOCH = 1;
    private static final ActionKind PAYOUT = ActionKind.REDEMPTION_PAYOUT_INPUT;

    @Test
    void aPayoutWaitsUnproposedWhileFewerThanFourOfFiveAreLiveAndIsSignedOnceOneIsBack() throws Exception {
        long start = System.nanoTime();
        SigningHarness[] ref = new SigningHarness[1];
        try (SigningHarness h = new SigningHarness(N, T, 40, i -> ActionVerifiers.of(
                new HeartbeatVerifier(EPOCH, () -> ref[0].member(i).headBlock(), 1_000),
                GroupSigningContract.listed(i, PAYOUT),
                GroupSigningContract.digesting("attested", BigInteger.ZERO)))) {
            ref[0] = h;
            h.produceBlocks();
            h.drive(i -> true);
            SigningCoordinator one = h.member(1);
            LivenessMonitor monitor = new LivenessMonitor(new ApprovalQuorum(N, T), 1);
            long t0 = System.nanoTime();

            assertThat(heartbeat(h, monitor, 1).responders()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(monitor.state()).isEqualTo(LivenessMonitor.State.HEALTHY);

            h.boards.get(4).stopped.set(true);
            h.boards.get(5).stopped.set(true);
            LivenessMonitor.Report down = heartbeat(h, monitor, 2);
            assertThat(down.responders()).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(down.signed()).as("2t+1 = 3 still sign").isTrue();
            assertThat(monitor.state()).as("3 answered: enough to sign, not to pay out")
                    .isEqualTo(LivenessMonitor.State.PAYOUTS_STALLED);
            assertThat(monitor.alerting()).isTrue();
            await(() -> one.suspected().containsAll(List.of(4, 5)), "member 1 to suspect members 4 and 5");
            assertThat(one.payoutQuorumShort()).isTrue();

            ListedAction payout = ListedAction.approvedBy(PAYOUT, 1, 2, 3, 4, 5);
            SigningCoordinator.Ticket held = one.propose(payout);
            long heldAt = System.nanoTime();
            // Proposed after the payout, signed while it waits: the held request blocks nothing behind it.
            GroupSigningContract.ContractAction attestation = SigningOverBoardTest.action(7);
            assertThat(sign(one, attestation).verifiesUnder(one.groupPublicKey())).isTrue();
            assertThat(heartbeat(h, monitor, 3).signed()).isTrue();
            assertThat(one.outcome(held)).as("never posted, so no outcome").isEmpty();
            assertThat(one.heldForPayoutQuorum(held)).isTrue();
            assertThat(one.payoutsHeld()).isEqualTo(1);
            // Only a proposal names a presignature, and every proposal read opens a session at every member.
            for (int m = 1; m <= 3; m++) {
                assertThat(h.member(m).outcomes()).as("no payout session reached member " + m)
                        .noneMatch(o -> o.kind() == PAYOUT);
            }
            assertThat(one.poolSize()).as("a presignature is ready for the payout when it goes").isPositive();
            double heldSeconds = (System.nanoTime() - heldAt) / 1e9;

            long backAt = System.nanoTime();
            h.restart(4);
            // Heartbeats (one per period in the server) give the returning member sessions to post in; any valid
            // post clears the suspicion. The first may settle before the restarted member has read up to it.
            long sequence = 4;
            while (one.payoutQuorumShort()) {
                assertThat(sequence).as("heartbeats before member 1 sees member 4 again" + h.describe())
                        .isLessThan(10);
                heartbeat(h, monitor, sequence++);
            }
            await(() -> one.outcome(held).map(o -> o.status() != SignOutcome.Status.RUNNING).orElse(false),
                    "the held payout to be proposed and decided" + h.describe());
            SignOutcome paid = one.outcome(held).orElseThrow();
            double releaseSeconds = (System.nanoTime() - backAt) / 1e9;
            assertThat(paid.status()).as(paid.reason()).isEqualTo(SignOutcome.Status.SIGNED);
            assertThat(paid.responders()).as("the payout quorum of 5, t 1").hasSize(4).contains(4);
            GroupSignature sig = paid.signature().orElseThrow();
            assertThat(sig.target().digest()).isEqualTo(GroupSigningContract.honestDigest(payout.encode(), "listed"));
            assertThat(sig.verifiesUnder(one.groupPublicKey())).isTrue();
            assertThat(one.payoutsHeld()).isZero();
            assertThat(h.failures).isEmpty();
            System.out.printf("payout restraint at 5 members: held %.1f s unproposed (heartbeats and an attestation "
                    + "signed meanwhile), signed %.1f s after member 4 restarted (%d heartbeat(s) to be seen); story "
                    + "%.1f s after a harness start-up of %.1f s%n", heldSeconds, releaseSeconds, sequence - 4,
                    (System.nanoTime() - t0) / 1e9, (t0 - start) / 1e9);
        }
    }

    /** Member 1 proposes heartbeat {@code sequence}; waits until it settled and returns the monitor's report. */
    private static LivenessMonitor.Report heartbeat(SigningHarness h, LivenessMonitor monitor, long sequence)
            throws InterruptedException {
        SigningCoordinator one = h.member(1);
        SigningCoordinator.Ticket t = one.propose(new HeartbeatAction(EPOCH, sequence, one.headBlock()));
        await(() -> one.outcome(t).map(SignOutcome::settled).orElse(false), "heartbeat " + sequence + " to settle"
                + h.describe());
        monitor.observe(one.outcomes());
        LivenessMonitor.Report r = monitor.last().orElseThrow();
        assertThat(r.heartbeat()).isEqualTo(one.outcome(t).orElseThrow().session());
        return r;
    }

    /** Member 1 proposes the action and waits for it to be signed (its coordinator is driven by its own thread). */
    private static GroupSignature sign(SigningCoordinator one, SignableAction a) throws InterruptedException {
        SigningCoordinator.Ticket t = one.propose(a);
        await(() -> one.outcome(t).map(o -> o.status() != SignOutcome.Status.RUNNING).orElse(false),
                a.kind() + " to be decided");
        SignOutcome o = one.outcome(t).orElseThrow();
        assertThat(o.status()).as(o.reason()).isEqualTo(SignOutcome.Status.SIGNED);
        return o.signature().orElseThrow();
    }
}
