package io.synod.peg.domain.ledger;

import static io.synod.peg.domain.ledger.Posting.credit;
import static io.synod.peg.domain.ledger.Posting.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.Satoshis;

/** What every {@link Ledger} must do; run against the in-memory and the PostgreSQL ledger. */
public abstract class LedgerContract {

    /** A fresh, empty ledger for each test. */
    protected abstract Ledger ledger();

    private static LedgerEntry deposit(String key, long sats) {
        return new LedgerEntry(key, EntryKind.DEPOSIT_CONFIRMED,
                List.of(debit(Account.BTC_DEPOSITS_UNSWEPT, Satoshis.of(sats)), credit(Account.USERS_DEPOSITED, Satoshis.of(sats))),
                "block 00ab@101");
    }

    @Test
    void anEntryIsRecordedOnceUnderItsKey() {
        Ledger l = ledger();
        assertThat(l.record(deposit("deposit:aa:0", 50_000))).isTrue();
        assertThat(l.record(deposit("deposit:aa:0", 50_000))).isFalse();
        assertThat(l.balance(Account.BTC_DEPOSITS_UNSWEPT)).isEqualTo(Satoshis.of(50_000));
        assertThat(l.balance(Account.USERS_DEPOSITED)).isEqualTo(Satoshis.of(50_000));
    }

    @Test
    void aDifferentEntryUnderAUsedKeyIsRefusedAndChangesNothing() {
        Ledger l = ledger();
        l.record(deposit("deposit:aa:0", 50_000));
        assertThatThrownBy(() -> l.record(deposit("deposit:aa:0", 60_000)))
                .isInstanceOf(LedgerKeyConflict.class).hasMessageContaining("deposit:aa:0");
        LedgerEntry otherEvidence = new LedgerEntry("deposit:aa:0", EntryKind.DEPOSIT_CONFIRMED,
                deposit("x", 50_000).postings(), "block 00cd@101");
        assertThatThrownBy(() -> l.record(otherEvidence)).isInstanceOf(LedgerKeyConflict.class);
        assertThat(l.balance(Account.USERS_DEPOSITED)).isEqualTo(Satoshis.of(50_000));
    }

    @Test
    void balancesFollowEachAccountsNormalDirectionOnBothSides() {
        Ledger l = ledger();
        l.record(deposit("deposit:aa:0", 70_000));
        l.record(deposit("deposit:bb:1", 30_000));
        l.record(new LedgerEntry("mint:aa:0", EntryKind.MINTED,
                List.of(debit(Account.MINTABLE, Satoshis.of(70_000)), credit(Account.WRAPPED_SUPPLY, Satoshis.of(70_000))),
                "sidechain tx 0x01@5"));
        l.record(new LedgerEntry("sweep:cc", EntryKind.DEPOSITS_SWEPT,
                List.of(debit(Account.BTC_GROUP_MAIN, Satoshis.of(99_000)), debit(Account.FEES, Satoshis.of(1_000)),
                        credit(Account.BTC_DEPOSITS_UNSWEPT, Satoshis.of(100_000))), "block 00ef@110"));
        var b = l.balances();
        assertThat(b).containsOnlyKeys(Account.values());
        assertThat(b.get(Account.BTC_DEPOSITS_UNSWEPT)).isEqualTo(Satoshis.ZERO);
        assertThat(b.get(Account.BTC_GROUP_MAIN)).isEqualTo(Satoshis.of(99_000));
        assertThat(b.get(Account.FEES)).isEqualTo(Satoshis.of(1_000));
        assertThat(b.get(Account.USERS_DEPOSITED)).isEqualTo(Satoshis.of(100_000));
        assertThat(b.get(Account.WRAPPED_SUPPLY)).isEqualTo(Satoshis.of(70_000));
        assertThat(b.get(Account.MINTABLE)).isEqualTo(Satoshis.of(70_000));
        assertThat(b.get(Account.BTC_STAKES)).isEqualTo(Satoshis.ZERO);
    }

    @Test
    void aBalanceBelowZeroIsReportedNotClamped() {
        Ledger l = ledger();
        l.record(new LedgerEntry("bad:1", EntryKind.FEE_PAID,
                List.of(debit(Account.FEES, Satoshis.of(500)), credit(Account.BTC_GROUP_MAIN, Satoshis.of(500))), "block 01@1"));
        assertThatThrownBy(() -> l.balance(Account.BTC_GROUP_MAIN))
                .isInstanceOf(AccountTotals.NegativeBalance.class).hasMessageContaining("BTC_GROUP_MAIN")
                .hasMessageContaining("-500");
        assertThat(l.balance(Account.FEES)).isEqualTo(Satoshis.of(500));
    }

    @Test
    void postingOrderIsPartOfTheEntry() {
        Ledger l = ledger();
        LedgerEntry three = new LedgerEntry("sweep:dd", EntryKind.DEPOSITS_SWEPT,
                List.of(debit(Account.BTC_GROUP_MAIN, Satoshis.of(9)), debit(Account.FEES, Satoshis.of(1)),
                        credit(Account.BTC_DEPOSITS_UNSWEPT, Satoshis.of(10))), "block 02@2");
        l.record(deposit("deposit:dd:0", 10));
        assertThat(l.record(three)).isTrue();
        assertThat(l.record(three)).isFalse(); // read back with the same lines in the same order
    }
}
