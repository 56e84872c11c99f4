package io.synod.peg.infrastructure.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.AccountTotals;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.ledger.LedgerKeyConflict;
import io.synod.shared.domain.Satoshis;

/** The ledger in memory, for fast domain tests; same contract as the JPA ledger (LedgerContract). */
public final class InMemoryLedger implements Ledger {

    private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean record(LedgerEntry entry) {
        LedgerEntry existing = entries.get(entry.naturalKey());
        if (existing != null) {
            if (!existing.equals(entry)) {
                throw new LedgerKeyConflict(existing, entry);
            }
            return false;
        }
        entries.put(entry.naturalKey(), entry);
        return true;
    }

    @Override
    public synchronized Satoshis balance(Account account) {
        return totals().balance(account);
    }

    @Override
    public synchronized Map<Account, Satoshis> balances() {
        return totals().balances();
    }

    /** Entries in the order they were recorded. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries.values());
    }

    private AccountTotals totals() {
        AccountTotals t = new AccountTotals();
        entries.values().forEach(e -> e.postings().forEach(t::add));
        return t;
    }
}
