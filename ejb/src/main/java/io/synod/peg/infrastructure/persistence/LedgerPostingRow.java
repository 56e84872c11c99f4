package io.synod.peg.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.Posting;

/** One posting line of a ledger entry (table ledger_posting, ordered by line). */
@Embeddable
public class LedgerPostingRow {

    @Enumerated(EnumType.STRING)
    @Column(name = "account", nullable = false, length = 40)
    private Account account;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 6)
    private Posting.Direction direction;

    @Column(name = "amount_sats", nullable = false)
    private long amountSats;

    protected LedgerPostingRow() {
    }

    LedgerPostingRow(Account account, Posting.Direction direction, long amountSats) {
        this.account = account;
        this.direction = direction;
        this.amountSats = amountSats;
    }

    Account account() {
        return account;
    }

    Posting.Direction direction() {
        return direction;
    }

    long amountSats() {
        return amountSats;
    }
}
