package io.synod.chain.bitcoin;

import java.util.List;

/**
 * A Bitcoin follower's persisted position: the last blocks it processed (height and hash, oldest first, enough to
 * find the fork point of a reorganisation), payments seen but not yet reported confirmed, and payments already
 * reported (kept while their block is in the window, so a reorganisation below the confirmation depth is noticed).
 */
public record FollowerCursor(List<BlockRef> recentBlocks, List<Payment> pending, List<Payment> reported) {

    public FollowerCursor {
        recentBlocks = List.copyOf(recentBlocks);
        pending = List.copyOf(pending);
        reported = List.copyOf(reported);
    }
}
