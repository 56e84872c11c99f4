package io.synod.peg.infrastructure.node;

import java.util.Map;
import java.util.function.Function;

import jakarta.ejb.EJBException;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.shared.domain.Satoshis;

/** The node's JPA ledger, each call in its own transaction ({@link PegTransactions}). */
public final class TransactionalLedger implements Ledger {

    private final PegTransactions tx;

    public TransactionalLedger(PegTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean record(LedgerEntry entry) {
        return call(l -> l.record(entry));
    }

    @Override
    public Satoshis balance(Account account) {
        return call(l -> l.balance(account));
    }

    @Override
    public Map<Account, Satoshis> balances() {
        return call(Ledger::balances);
    }

    private <T> T call(Function<Ledger, T> work) {
        try {
            return tx.ledger(work);
        } catch (EJBException e) {
            throw Unwrapped.of(e);
        }
    }
}
