package io.synod.peg.application.invariants;

import io.synod.shared.domain.Satoshis;

/** Everything the group holds on Bitcoin as this member's node sees it: main output(s), stakes, deposit outputs. */
public interface BitcoinHoldings {

    /**
     * The value of the group's unspent outputs counted at {@code tipHeight}: those the books have had the chance to
     * record (a deposit output once it has the confirmations the deposit watcher books it at), leaving out the outputs
     * of {@code inFlight} (group transactions the books record only once confirmed).
     */
    Satoshis heldAt(long tipHeight, java.util.Set<String> inFlight);
}
