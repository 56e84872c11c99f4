package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSigningContract;

/**
 * Two members propose at once and name the same presignatures (each read the board just before the other's posts
 * landed): the board's order gives them to the first, the second member's proposals are refused at every member and
 * proposed again with fresh presignatures, except one whose caller gave up meanwhile, which is dropped, so an
 * abandoned request never takes a presignature and a session (signAll withdraws a whole list this way). Real board
 * on anvil; members stepped by hand so the race is exact.
 */
class ProposalRaceOverBoardTest {

    @Test
    void aRefusedProposalIsProposedAgainUnlessItsCallerWithdrewIt() throws Exception {
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, m -> ActionVerifiers.of(
                GroupSigningContract.digesting("honest", BigInteger.ZERO)))) {
            stepAllUntil(h, () -> h.member(1).poolSize() >= 2 && h.member(2).poolSize() >= 2
                    && h.member(1).openSessions() == 0, "a standing pool of two at members 1 and 2");

            SigningCoordinator.Ticket a1 = h.member(1).propose(SigningOverBoardTest.action(1));
            SigningCoordinator.Ticket a2 = h.member(1).propose(SigningOverBoardTest.action(2));
            h.member(1).step(); // posts both, naming both pooled presignatures

            h.boards.get(2).lagging = true;
            SigningCoordinator.Ticket b1 = h.member(2).propose(SigningOverBoardTest.action(3));
            SigningCoordinator.Ticket b2 = h.member(2).propose(SigningOverBoardTest.action(4));
            h.member(2).step(); // has not seen member 1's proposals: names the same two
            assertThat(h.member(2).queued()).as("both posted").isZero();
            assertThat(h.member(2).withdraw(b1)).as("on the board already: not dropped here").isFalse();

            h.boards.get(2).lagging = false;
            h.member(2).step(); // reads member 1's first, then its own two, refused
            assertThat(h.member(2).queued()).as("only the proposal still wanted goes back to the queue").isEqualTo(1);
            assertThat(h.member(2).whereIs(b1)).isEqualTo("unknown here");

            stepAllUntil(h, () -> settled(h.member(1), a1) && settled(h.member(1), a2) && settled(h.member(2), b2),
                    "the three wanted signatures");
            for (int k = 0; k < 20; k++) { // and a while longer: the abandoned one must not come back
                stepAll(h);
                Thread.sleep(25);
            }
            for (int m = 1; m <= 4; m++) {
                assertThat(h.member(m).outcomes()).as("signing sessions at member " + m + h.describe()).hasSize(3)
                        .allMatch(o -> o.status() == SignOutcome.Status.SIGNED);
            }
            assertThat(h.member(2).queued()).isZero();
            assertThat(h.member(2).outcome(b1)).isEmpty();
            assertThat(h.failures).isEmpty();
        }
    }

    private static boolean settled(SigningCoordinator c, SigningCoordinator.Ticket t) {
        return c.outcome(t).map(o -> o.status() == SignOutcome.Status.SIGNED).orElse(false);
    }

    private static void stepAll(SigningHarness h) {
        for (int m : List.of(1, 2, 3, 4)) {
            h.member(m).step();
        }
    }

    private static void stepAllUntil(SigningHarness h, java.util.function.BooleanSupplier done, String what)
            throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + h.describe());
            }
            stepAll(h);
            Thread.sleep(25);
        }
    }
}
