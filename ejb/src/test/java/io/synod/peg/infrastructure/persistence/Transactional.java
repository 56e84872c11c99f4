package io.synod.peg.infrastructure.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.RevealedDeposit;
import io.synod.shared.domain.Satoshis;

/** The JPA ledger and deposit book with each call in its own transaction, as the EJB shells' container would run them. */
public final class Transactional {

    private Transactional() {
    }

    public static Ledger ledger(PegDatabase.Units u) {
        return new Ledger() {
            private <T> T tx(Function<Ledger, T> work) {
                return u.inTransaction(em -> work.apply(new JpaLedger(em, Clock.systemUTC())));
            }

            @Override
            public boolean record(LedgerEntry entry) {
                return tx(l -> l.record(entry));
            }

            @Override
            public Satoshis balance(Account account) {
                return tx(l -> l.balance(account));
            }

            @Override
            public Map<Account, Satoshis> balances() {
                return tx(Ledger::balances);
            }
        };
    }

    public static DepositBook book(PegDatabase.Units u, byte[] groupPublicKey) {
        return new DepositBook() {
            private <T> T tx(Function<DepositBook, T> work) {
                return u.inTransaction(em -> work.apply(new JpaDepositBook(em, groupPublicKey)));
            }

            @Override
            public boolean addReveal(RevealedDeposit reveal) {
                return tx(b -> b.addReveal(reveal));
            }

            @Override
            public List<RevealedDeposit> reveals() {
                return tx(DepositBook::reveals);
            }

            @Override
            public Optional<PegInDeposit> find(Outpoint outpoint) {
                return tx(b -> b.find(outpoint));
            }

            @Override
            public void save(PegInDeposit deposit) {
                tx(b -> {
                    b.save(deposit);
                    return null;
                });
            }

            @Override
            public List<PegInDeposit> deposits() {
                return tx(DepositBook::deposits);
            }
        };
    }
}
