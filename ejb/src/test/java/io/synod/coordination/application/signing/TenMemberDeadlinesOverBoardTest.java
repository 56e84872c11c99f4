package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningFailed;

/**
 * Ten members (t = 4: 2t+1 = 9 approvals needed) on the real board while traffic mines blocks far faster than the
 * members answer (bursts of blocks plus a relayer's posts, as on a chain mining a block per transaction with many
 * members and sessions posting): what stalled the ten-member bench at epoch 1. With rounds of 20 blocks alone,
 * presigning and the approval round close before nine members have posted (hundreds of blocks go by each second),
 * members are suspected and the group stops; with rounds that also last 20 s of block time, they sign.
 */
class TenMemberDeadlinesOverBoardTest {
    private static final int N = 10;
    private static final int T = 4;

    @Test
    void tenMembersSignWhileTrafficMinesBlocksFasterThanTheyAnswer() throws Exception {
        try (SigningHarness h = new SigningHarness(N, T, 20, 20, SigningOverBoardTest::honest)) {
            // Members step every 300 ms, as the servers' timers do (synod.group.poll-millis).
            h.drive(i -> i != 1, 300);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(300));
            var posts = h.heavyTraffic(20, 50);
            long b0 = h.boards.get(1).headBlock();
            long t0 = System.nanoTime();
            GroupSignature sig;
            try {
                sig = port.sign(SigningOverBoardTest.action(7), Duration.ofSeconds(90));
            } catch (SigningFailed f) {
                throw new AssertionError(f.getMessage() + h.describe(), f);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long blocks = h.boards.get(1).headBlock() - b0;
            System.out.printf("ten members under traffic: presigned and signed in %d ms while %d blocks went by "
                    + "(%d traffic posts)%n", ms, blocks, posts.get());
            assertThat(sig.verifiesUnder(port.groupPublicKey())).isTrue();
            // The traffic really outran 20-block rounds: more blocks than presigning's two rounds and the approval
            // round together went by meanwhile (blocks alone would have closed them all).
            assertThat(blocks).isGreaterThan(3 * 20);
            SignOutcome o = h.member(1).outcomes().stream().filter(x -> x.signature().isPresent()).findFirst()
                    .orElseThrow();
            assertThat(o.responders()).hasSizeGreaterThanOrEqualTo(2 * T + 1);
            // Honest members never miss a round that lasts in time: every presigning made its presignatures and
            // nobody is counted against (blocks alone: sessions end "withheld" and everyone suspects everyone).
            for (int m = 1; m <= N; m++) {
                SigningCoordinator c = h.member(m);
                assertThat(c.presignReports()).as("member %d's presigning%s", m, h.describe())
                        .allMatch(SigningCoordinator.PresignReport::made);
                assertThat(c.missedDeadlines()).as("member %d's count of missed deadlines", m).isEmpty();
            }
            assertThat(h.failures).isEmpty();
        }
    }
}
