package io.synod.coordination.application.reshare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.domain.ThresholdPolicy;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;

/**
 * A resharing that stalls does not wedge membership: on the real board (anvil) three of four dealers vanish from a
 * join, so the receivers abort at the deadline (fewer than t+1 dealings); every member numbers the channel's openings
 * into attempts from the board alone, ignores an opening posted while the attempt still runs, and takes the first one
 * after the attempt's window as attempt 2, a session with its own id. With every dealer back, attempt 2 completes with
 * the same group key and the join is recorded.
 */
class ReshareRetryOverBoardTest {
    private static final long ROUND_BLOCKS = 8;

    @Test
    void aStalledJoinIsOpenedAgainAndCompletesUnderTheSameKey() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            MembershipGroup.Candidate c = g.payStake(MembershipGroup.STAKE.value(), 3);
            g.register(c);
            assertThat(g.verifyStake(c.candidacy()).values()).allMatch(StakeVerdict::accepted);
            int index = g.registry().nextIndex();
            g.admit(c, index);
            String registry = g.registry().address();
            SessionId channel = ReshareOpening.channel(registry, 1);
            ReshareOpening opening = new ReshareOpening(ReshareKind.JOIN, c.candidacy().address(),
                    g.sharing.commitments());

            // Attempt 1, opened by member 1; member 3's opening right after it lands inside the attempt: ignored.
            g.member(1).board.post(channel, ReshareOpening.ROUND, opening.encode());
            g.member(3).board.post(channel, ReshareOpening.ROUND, opening.encode());
            ReshareAttempts seen = attempts(g, 2, channel);
            ReshareAttempts.Attempt first = seen.latest().orElseThrow();
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.sender()).isEqualTo(g.member(1).address());
            ReshareSession s1 = session(g, c, index, first);
            assertThat(s1.id()).as("attempt 1 keeps the resharing's own id")
                    .isEqualTo(ReshareSession.sessionId(registry, 1, ReshareKind.JOIN, c.candidacy().address()));

            // Only dealer 1 (and the candidate) take part: both rounds close at their deadlines, blocks keep coming.
            Map<Integer, KeyShare> lost = g.concurrentShares();
            CompletableFuture<Map<Integer, ReshareCoordinator>> stalled = CompletableFuture.supplyAsync(() -> {
                try {
                    return g.reshare(s1, Map.of(), lost, Set.of(2, 3, 4));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!stalled.isDone()) {
                mine(g);
            }
            for (ReshareCoordinator co : stalled.get(1, TimeUnit.SECONDS).values()) {
                assertThat(co.status()).as("member %d", co.self()).isEqualTo(ReshareCoordinator.Status.ABORTED);
                assertThat(co.failure().orElseThrow()).contains("fewer than t+1");
                assertThat(co.result()).as("the judgement survives the abort").hasValueSatisfying(r -> {
                    assertThat(r.newGroup()).isEmpty();
                    assertThat(r.evidence()).isEmpty();
                });
            }
            assertThat(lost).as("no share of the next epoch came of it").isEmpty();

            // Once the attempt's window is over, the next opening starts attempt 2 at every member.
            while (!seen.over(g.member(4).board.headBlock())) {
                mine(g);
            }
            g.member(2).board.post(channel, ReshareOpening.ROUND, opening.encode());
            ReshareAttempts.Attempt second = null;
            for (int i : new int[] {1, 2, 3, 4, index}) {
                ReshareAttempts.Attempt a = attempts(g, i, channel).latest().orElseThrow();
                assertThat(a.number()).as("at member %d", i).isEqualTo(2);
                assertThat(a.sender()).isEqualTo(g.member(2).address());
                second = a;
            }
            ReshareSession s2 = session(g, c, index, second);
            assertThat(s2.id()).isNotEqualTo(s1.id());
            assertThat(s2.startBlock()).isGreaterThan(s1.startBlock() + ReshareAttempts.STALL_ROUNDS * ROUND_BLOCKS);

            // Everyone is back: attempt 2 completes with the same key and the join is recorded.
            Map<Integer, KeyShare> joined = g.concurrentShares();
            Map<Integer, ReshareCoordinator> cs = g.reshare(s2, Map.of(), joined);
            for (ReshareCoordinator co : cs.values()) {
                assertThat(co.status()).as("member %d: %s", co.self(), co.failure())
                        .isEqualTo(ReshareCoordinator.Status.COMPLETE);
                assertThat(co.result().orElseThrow().newGroup()).hasValueSatisfying(k -> assertThat(k.baseKey())
                        .isEqualTo(g.sharing.baseKey()));
            }
            EpochRecord two = g.rotate(s2, cs, joined);
            assertThat(two.members()).hasSize(5).contains(c.candidacy().address());
            byte[] digest = Hashing.hash("SYNOD/test/after-retry", Secp256k1.utf8("five"));
            GroupSignature sig = g.sign(new MembershipGroup.TestAction(digest));
            assertThat(sig.verifiesUnder(g.groupKey)).as("the five sign under the unchanged key").isTrue();
        }
    }

    private static ReshareSession session(MembershipGroup g, MembershipGroup.Candidate c, int index,
            ReshareAttempts.Attempt a) {
        return ReshareSession.join(g.registry().address(), 1, g.members, g.sharing, c.candidacy(), index,
                ThresholdPolicy.ONE_SPARE, a.block(), ROUND_BLOCKS).attempt(a.number());
    }

    /** What member {@code i} derives from the channel on its own board client, from the channel's start. */
    private static ReshareAttempts attempts(MembershipGroup g, int i, SessionId channel) {
        ReshareAttempts out = new ReshareAttempts(ROUND_BLOCKS);
        BoardCursor cursor = new BoardCursor(0);
        long head;
        do {
            BoardRead read = g.member(i).board.read(channel, cursor);
            for (BoardEntry e : read.entries()) {
                if (e.round() == ReshareOpening.ROUND && g.members.byAddress(e.sender()).isPresent()) {
                    out.offer(ReshareOpening.decode(e.payload()), e.block(), e.sender());
                }
            }
            cursor = read.next();
            head = read.headBlock();
        } while (cursor.nextBlock() <= head);
        return out;
    }

    /** One more (empty) sidechain block on anvil. */
    private static void mine(MembershipGroup g) throws InterruptedException {
        g.devnet.evmCall("evm_mine", "[]");
        Thread.sleep(20); // let the coordinators' 25 ms polls see most blocks, as on a chain with a block time
    }
}
