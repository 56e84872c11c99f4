package io.synod.peg.application.invariants;

import io.synod.peg.domain.ledger.ChainFigures;

/** What the chains say, read from this member's own nodes. */
public interface PegFigures {

    ChainTips tips();

    /** The figures at (or just after) {@code tips}; the evidence names what was read. */
    ChainFigures read(ChainTips tips);
}
