package io.synod.peg.domain.ledger;

import java.util.Objects;

import io.synod.shared.domain.Satoshis;

/**
 * What the chains say, read by this member at one moment: the wrapped token's {@code totalSupply} on the
 * sidechain, the sum of the group's unspent Bitcoin outputs (deposit scripts, main output, stakes), and the
 * redemptions burned but not yet paid (from the sidechain's redemption log). The invariants hold the books
 * against these figures.
 */
public record ChainFigures(Satoshis wrappedSupply, Satoshis bitcoinHeld, Satoshis pendingPayouts, String evidence) {

    public ChainFigures {
        Objects.requireNonNull(wrappedSupply, "wrappedSupply");
        Objects.requireNonNull(bitcoinHeld, "bitcoinHeld");
        Objects.requireNonNull(pendingPayouts, "pendingPayouts");
        Objects.requireNonNull(evidence, "evidence");
    }
}
