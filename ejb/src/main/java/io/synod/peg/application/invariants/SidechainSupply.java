package io.synod.peg.application.invariants;

import io.synod.shared.domain.Satoshis;

/** The wrapped token as this member's sidechain node reports it. */
public interface SidechainSupply {

    /** The node's latest block: number and hash. */
    Head head();

    /** {@code WrappedBTC.totalSupply()} as of {@code block} (read at that block, not at whatever is latest). */
    Satoshis totalSupplyAt(long block);

    record Head(long number, String hash) {
    }
}
