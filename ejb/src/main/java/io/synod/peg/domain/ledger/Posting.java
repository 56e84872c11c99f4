package io.synod.peg.domain.ledger;

import io.synod.shared.domain.Satoshis;

/** One line of an entry: an amount debited or credited to one account. */
public record Posting(Account account, Direction direction, Satoshis amount) {

    public enum Direction { DEBIT, CREDIT }

    public Posting {
        if (account == null || direction == null || amount == null) {
            throw new IllegalArgumentException("account, direction and amount are required");
        }
        if (amount.value() == 0) {
            throw new IllegalArgumentException("a posting moves a positive amount");
        }
    }

    public static Posting debit(Account a, Satoshis amount) {
        return new Posting(a, Direction.DEBIT, amount);
    }

    public static Posting credit(Account a, Satoshis amount) {
        return new Posting(a, Direction.CREDIT, amount);
    }
}
