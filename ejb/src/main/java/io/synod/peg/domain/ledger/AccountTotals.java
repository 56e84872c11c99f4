package io.synod.peg.domain.ledger;

import java.util.EnumMap;
import java.util.Map;

import io.synod.shared.domain.Satoshis;

/**
 * Debit and credit totals per account turned into balances in each account's normal direction. Shared by every
 * {@link Ledger} implementation so that they agree on signs; a balance below zero is a broken book, reported by
 * {@link NegativeBalance} rather than clamped.
 */
public final class AccountTotals {

    private final Map<Account, long[]> totals = new EnumMap<>(Account.class);

    public void add(Account account, Posting.Direction direction, long amount) {
        long[] t = totals.computeIfAbsent(account, a -> new long[2]);
        int i = direction == Posting.Direction.DEBIT ? 0 : 1;
        t[i] = Math.addExact(t[i], amount);
    }

    public void add(Posting p) {
        add(p.account(), p.direction(), p.amount().value());
    }

    /** Debits minus credits for debit-normal accounts, the reverse for credit-normal ones; may be negative. */
    public long signed(Account account) {
        long[] t = totals.getOrDefault(account, new long[2]);
        return account.debitNormal() ? t[0] - t[1] : t[1] - t[0];
    }

    public Satoshis balance(Account account) {
        long v = signed(account);
        if (v < 0) {
            throw new NegativeBalance(account, v);
        }
        return Satoshis.of(v);
    }

    /** Every account, including those never posted to (zero). */
    public Map<Account, Satoshis> balances() {
        Map<Account, Satoshis> out = new EnumMap<>(Account.class);
        for (Account a : Account.values()) {
            out.put(a, balance(a));
        }
        return out;
    }

    /** An account whose balance went below zero in its normal direction: the books are wrong somewhere. */
    public static final class NegativeBalance extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final Account account;
        private final long signed;

        public NegativeBalance(Account account, long signed) {
            super("account " + account + " is negative: " + signed + " sat");
            this.account = account;
            this.signed = signed;
        }

        public Account account() {
            return account;
        }

        public long signed() {
            return signed;
        }
    }
}
