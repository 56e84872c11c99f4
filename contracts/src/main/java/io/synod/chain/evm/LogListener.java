package io.synod.chain.evm;

import org.web3j.protocol.core.methods.response.Log;

/**
 * Receives logs from a {@link LogFollower} in chain order. Calls happen before the cursor is saved, so a consumer
 * storing them in the cursor store's transaction sees each exactly once.
 */
public interface LogListener {

    void onLog(Log log);

    /**
     * {@code block}, whose logs were delivered, left the canonical chain (a reorganisation deeper than the finality
     * depth): undo what its logs did. The replacing blocks' logs follow.
     */
    default void onRollback(EvmBlockRef block) {
    }
}
