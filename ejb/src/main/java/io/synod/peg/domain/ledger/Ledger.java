package io.synod.peg.domain.ledger;

import java.util.Map;

import io.synod.shared.domain.Satoshis;

/**
 * The peg's books. {@link #record} is idempotent on the natural key: recording the same entry again is a no-op,
 * recording a different entry under a used key is refused (it would mean two views of one chain event).
 */
public interface Ledger {

    /** @return true if recorded now, false if this exact entry was already there */
    boolean record(LedgerEntry entry);

    /** The balance of the account in its normal direction (never negative for a healthy ledger). */
    Satoshis balance(Account account);

    Map<Account, Satoshis> balances();
}
