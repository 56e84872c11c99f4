package io.synod.peg.domain.ledger;

/**
 * A different entry was offered under a natural key already used: two views of one chain event. The ledger
 * refuses it and keeps the first; operators must find out which view is wrong.
 */
public final class LedgerKeyConflict extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LedgerKeyConflict(LedgerEntry recorded, LedgerEntry offered) {
        super("ledger key " + offered.naturalKey() + " already holds " + recorded + "; refused " + offered);
    }
}
