package io.synod.chain.evm;

import java.util.List;

/** A log follower's persisted position: the last processed blocks, oldest first. */
public record EvmCursor(List<EvmBlockRef> recentBlocks) {

    public EvmCursor {
        recentBlocks = List.copyOf(recentBlocks);
    }
}
