package io.synod.peg.domain.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the peg's invariants against the ledger and the chains and reports every difference; it never
 * corrects anything (a difference means a bug, a missed event or a theft, for people to look at):
 * <ol>
 * <li>wrapped supply on the sidechain = minted − burned in the books ({@link Account#WRAPPED_SUPPLY});</li>
 * <li>Bitcoin held on chain = Bitcoin assets in the books = deposits + stakes − payouts − returned and
 * confiscated stakes − fees;</li>
 * <li>Bitcoin held for users (held − the members' stake net of the fees they bear) ≥ wrapped supply + pending
 * payouts.</li>
 * </ol>
 * Fees are borne by the members' stake side, never by the users' backing: a mint is for exactly the deposited
 * amount, so a fee charged to users would leave the wrapped supply under-backed.
 */
public final class InvariantChecker {

    public enum Invariant {
        WRAPPED_SUPPLY_MATCHES_BOOKS, BITCOIN_HELD_MATCHES_BOOKS, BOOKS_BALANCE, USERS_FULLY_BACKED, ACCOUNT_NOT_NEGATIVE
    }

    /** One broken invariant: what was expected, what was found, and the difference (found − expected). */
    public record Violation(Invariant invariant, long expected, long found, String detail) {

        public long difference() {
            return found - expected;
        }
    }

    public record Report(List<Violation> violations, String evidence) {

        public Report {
            violations = List.copyOf(violations);
        }

        public boolean holds() {
            return violations.isEmpty();
        }
    }

    public Report check(Ledger ledger, ChainFigures chain) {
        AccountTotals totals = signedTotals(ledger);
        List<Violation> out = new ArrayList<>();
        for (Account a : Account.values()) {
            long v = totals.signed(a);
            if (v < 0) {
                out.add(new Violation(Invariant.ACCOUNT_NOT_NEGATIVE, 0, v, a.name()));
            }
        }
        long supplyBooks = totals.signed(Account.WRAPPED_SUPPLY);
        if (supplyBooks != chain.wrappedSupply().value()) {
            out.add(new Violation(Invariant.WRAPPED_SUPPLY_MATCHES_BOOKS, supplyBooks, chain.wrappedSupply().value(),
                    "sidechain totalSupply vs minted − burned"));
        }
        long assets = totals.signed(Account.BTC_DEPOSITS_UNSWEPT) + totals.signed(Account.BTC_GROUP_MAIN)
                + totals.signed(Account.BTC_STAKES);
        long stakeNet = totals.signed(Account.MEMBERS_STAKED) - totals.signed(Account.STAKES_RETURNED)
                - totals.signed(Account.STAKES_CONFISCATED) - totals.signed(Account.FEES);
        long formula = totals.signed(Account.USERS_DEPOSITED) - totals.signed(Account.PAID_TO_REDEEMERS) + stakeNet;
        if (assets != formula) {
            out.add(new Violation(Invariant.BOOKS_BALANCE, formula, assets,
                    "Bitcoin assets vs deposits + stakes − payouts − returned − confiscated − fees"));
        }
        if (assets != chain.bitcoinHeld().value()) {
            out.add(new Violation(Invariant.BITCOIN_HELD_MATCHES_BOOKS, assets, chain.bitcoinHeld().value(),
                    "group's unspent outputs on Bitcoin vs Bitcoin assets in the books"));
        }
        long heldForUsers = chain.bitcoinHeld().value() - stakeNet;
        long owed = chain.wrappedSupply().value() + chain.pendingPayouts().value();
        if (heldForUsers < owed) {
            out.add(new Violation(Invariant.USERS_FULLY_BACKED, owed, heldForUsers,
                    "held for users vs wrapped supply + pending payouts"));
        }
        return new Report(out, chain.evidence());
    }

    /** Signed balances from the public API: a negative account shows up as its {@link AccountTotals.NegativeBalance}. */
    private static AccountTotals signedTotals(Ledger ledger) {
        AccountTotals t = new AccountTotals();
        for (Account a : Account.values()) {
            long v;
            try {
                v = ledger.balance(a).value();
            } catch (AccountTotals.NegativeBalance e) {
                v = e.signed();
            }
            Posting.Direction normal = a.debitNormal() ? Posting.Direction.DEBIT : Posting.Direction.CREDIT;
            Posting.Direction other = a.debitNormal() ? Posting.Direction.CREDIT : Posting.Direction.DEBIT;
            t.add(a, v >= 0 ? normal : other, Math.abs(v));
        }
        return t;
    }
}
