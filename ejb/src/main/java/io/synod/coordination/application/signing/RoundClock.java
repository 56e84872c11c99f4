package io.synod.coordination.application.signing;

import io.synod.coordination.domain.MessageBoard;

/**
 * When the rounds of one signing or presigning sub-session close, as every member computes it from the chain alone.
 * Round r closes at the first board block that is at least {@code r·roundBlocks} blocks after the opening block
 * and whose timestamp is at least {@code r·roundSeconds} after the opening block's. Blocks alone are not a clock
 * on a chain that mines a block per transaction (anvil, or any sidechain in a burst): there every post, the
 * session's own and those of concurrent presigning, advances the deadline, so a round measured in blocks shrinks
 * in wall time as the group and its traffic grow (seen at ten members: 2t+1 = 9 approvals never fitted in 20
 * blocks). Block timestamps are the same for every reader, so members still agree on the closing block; on a chain
 * with a steady block time the two bounds coincide. {@code roundSeconds} = 0 counts blocks only.
 *
 * <p>The closing block of a round is fixed once the board has passed it (found by bisection over block
 * timestamps, which never decrease) and memoised; before that, {@link #close} answers {@link #OPEN}, which is
 * later than every block read so far, so "posted by the deadline" and "past the deadline" read the same as with
 * a known block.
 */
final class RoundClock {
    /** The round has not closed at the head read so far. */
    static final long OPEN = Long.MAX_VALUE;
    private static final int MAX_ROUNDS = 8;

    private final MessageBoard board;
    private final long start;
    private final long roundBlocks;
    private final long roundSeconds;
    private final long[] closes = new long[MAX_ROUNDS];
    private long startTime = -1;
    private long timedHead = -1;
    private long timedHeadTime;

    RoundClock(MessageBoard board, long start, long roundBlocks, long roundSeconds) {
        if (roundBlocks < 1 || roundSeconds < 0) {
            throw new IllegalArgumentException("round length >= 1 block and >= 0 seconds");
        }
        this.board = board;
        this.start = start;
        this.roundBlocks = roundBlocks;
        this.roundSeconds = roundSeconds;
    }

    /** The block closing {@code round} as seen with the board read up to {@code head}, or {@link #OPEN}. */
    long close(int round, long head) {
        if (round < 1 || round >= MAX_ROUNDS) {
            throw new IllegalArgumentException("round " + round);
        }
        long minBlock = start + round * roundBlocks;
        if (roundSeconds == 0) {
            return minBlock;
        }
        if (closes[round] != 0) {
            return closes[round];
        }
        if (head < minBlock) {
            return OPEN;
        }
        long due = startTime() + round * roundSeconds;
        if (headTime(head) < due) {
            return OPEN;
        }
        long found = head;
        if (board.blockTime(minBlock) >= due) {
            found = minBlock;
        } else {
            // time(lo) < due <= time(hi): the first block at or after the due time lies in (lo, hi].
            long lo = minBlock;
            long hi = head;
            while (hi - lo > 1) {
                long mid = lo + (hi - lo) / 2;
                if (board.blockTime(mid) >= due) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            found = hi;
        }
        closes[round] = found;
        return found;
    }

    private long startTime() {
        if (startTime < 0) {
            startTime = board.blockTime(start);
        }
        return startTime;
    }

    /** One timestamp read per head however often a step asks (a step asks for each vote it weighs). */
    private long headTime(long head) {
        if (head != timedHead) {
            timedHeadTime = board.blockTime(head);
            timedHead = head;
        }
        return timedHeadTime;
    }
}
