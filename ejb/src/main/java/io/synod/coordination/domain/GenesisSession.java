package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
import io.synod.membership.domain.FoundingSet;

/**
 * One genesis key generation as every founder configures it: the session id, the founders and t, the board block
 * the session starts at (every founder reads the board from there) and the round length in board blocks. Round r
 * closes at the block of the last founder's "round done" for r, or at {@code startBlock + r·roundBlocks} if a
 * founder stays silent: both are read from the board, so every member closes each round on the same messages.
 */
public record GenesisSession(SessionId id, FoundingSet founders, long startBlock, long roundBlocks) {
    public GenesisSession {
        if (startBlock < 0 || roundBlocks < 1) {
            throw new IllegalArgumentException("start block >= 0 and round length >= 1 block");
        }
    }

    public long deadline(int round) {
        return startBlock + round * roundBlocks;
    }
}
