package io.synod.peg.infrastructure.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.AccountTotals;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.ledger.LedgerKeyConflict;
import io.synod.peg.domain.ledger.Posting;
import io.synod.shared.domain.Satoshis;

/**
 * The ledger in PostgreSQL (tables ledger_entry, ledger_posting). Runs inside the caller's transaction, so an
 * entry commits together with the state change it accounts for. The unique natural key makes a concurrent second
 * writer fail rather than double-count; balances are summed by the database.
 */
public final class JpaLedger implements Ledger {

    private final EntityManager em;
    private final Clock clock;

    public JpaLedger(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public boolean record(LedgerEntry entry) {
        List<LedgerEntryEntity> found = em.createQuery(
                "select e from LedgerEntryEntity e where e.naturalKey = :k", LedgerEntryEntity.class)
                .setParameter("k", entry.naturalKey()).getResultList();
        if (!found.isEmpty()) {
            LedgerEntry existing = found.get(0).toDomain();
            if (!existing.equals(entry)) {
                throw new LedgerKeyConflict(existing, entry);
            }
            return false;
        }
        em.persist(LedgerEntryEntity.of(entry, clock.instant()));
        em.flush(); // the unique key is checked now, inside the caller's transaction
        return true;
    }

    @Override
    public Satoshis balance(Account account) {
        return totals().balance(account);
    }

    @Override
    public Map<Account, Satoshis> balances() {
        return totals().balances();
    }

    private AccountTotals totals() {
        List<Object[]> rows = em.createQuery("select p.account, p.direction, sum(p.amountSats) "
                + "from LedgerEntryEntity e join e.postings p group by p.account, p.direction", Object[].class)
                .getResultList();
        AccountTotals t = new AccountTotals();
        for (Object[] r : rows) {
            t.add((Account) r[0], (Posting.Direction) r[1], ((Number) r[2]).longValue());
        }
        return t;
    }
}
