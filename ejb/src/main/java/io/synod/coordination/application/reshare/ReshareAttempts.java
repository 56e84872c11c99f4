package io.synod.coordination.application.reshare;

import java.util.Optional;

/**
 * The resharing attempts of one epoch's membership channel, derived from the board alone so that every member numbers
 * them alike. The first valid opening starts attempt 1. An attempt whose session ended without a new epoch (too few
 * dealers left in, a vanished participant, members that would not take part) must not wedge membership for good:
 * once the board's head is past {@link #STALL_ROUNDS} round lengths after its opening (both rounds closed at every
 * participant, and one more round for the rotation), the first valid opening after that block starts the next
 * attempt, with its own session id ({@link ReshareSession#attempt}) and so its own checkpoints and messages.
 * Openings posted while an attempt still runs change nothing.
 */
public final class ReshareAttempts {
    /** Round lengths after its opening block at which an attempt that brought no new epoch is over. */
    public static final int STALL_ROUNDS = 3;

    /** One attempt: the opening that started it, where it landed on the board, and its number (from 1). */
    public record Attempt(ReshareOpening opening, long block, String sender, int number) {
        public Attempt {
            if (number < 1 || block < 0) {
                throw new IllegalArgumentException("attempts count from 1 at a board block");
            }
        }
    }

    private final long roundBlocks;
    private Attempt first;
    private Attempt latest;

    public ReshareAttempts(long roundBlocks) {
        if (roundBlocks < 1) {
            throw new IllegalArgumentException("round length >= 1 block");
        }
        this.roundBlocks = roundBlocks;
    }

    /**
     * Offers the next valid opening on the channel (posted by a member of the epoch, in board order); returns the
     * attempt it starts, or empty when it lands while the latest attempt is not over.
     */
    public Optional<Attempt> offer(ReshareOpening opening, long block, String sender) {
        if (latest != null && block <= endOf(latest)) {
            return Optional.empty();
        }
        latest = new Attempt(opening, block, sender, latest == null ? 1 : latest.number() + 1);
        if (first == null) {
            first = latest;
        }
        return Optional.of(latest);
    }

    public Optional<Attempt> first() {
        return Optional.ofNullable(first);
    }

    public Optional<Attempt> latest() {
        return Optional.ofNullable(latest);
    }

    /** The last block of {@code a}'s window: an opening after it starts the next attempt. */
    public long endOf(Attempt a) {
        return a.block() + STALL_ROUNDS * roundBlocks;
    }

    /** Whether the board's {@code head} is past the latest attempt's window (a new opening would be taken). */
    public boolean over(long head) {
        return latest != null && head > endOf(latest);
    }
}
