package io.synod.peg.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.peg.infrastructure.memory.InMemoryLedger;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

class InvariantCheckerTest {

    private static final Outpoint DEPOSIT = new Outpoint(new byte[32], 0);
    private static final Outpoint STAKE = new Outpoint(new byte[32], 1);
    private final InvariantChecker checker = new InvariantChecker();

    private static Satoshis sat(long v) {
        return Satoshis.of(v);
    }

    /** Stake 1,000,000; deposit 200,000 minted and swept at fee 2,000; redemption 50,000 paid at fee 1,000. */
    private static InMemoryLedger lifeCycle() {
        InMemoryLedger l = new InMemoryLedger();
        l.record(PegEntries.stakeConfirmed(STAKE, sat(1_000_000), "aa", 100));
        l.record(PegEntries.depositConfirmed(DEPOSIT, sat(200_000), "bb", 106));
        l.record(PegEntries.minted(DEPOSIT, sat(200_000), "0x01", 7));
        l.record(PegEntries.depositsSwept("cc", sat(200_000), sat(2_000), "dd", 110));
        l.record(PegEntries.redemptionBurned(1, sat(50_000), "0x02", 9));
        l.record(PegEntries.payoutConfirmed("ee", sat(50_000), sat(1_000), "ff", 115));
        return l;
    }

    @Test
    void aConsistentLifeCycleHolds() {
        InMemoryLedger l = lifeCycle();
        var report = checker.check(l, new ChainFigures(sat(150_000), sat(1_147_000), Satoshis.ZERO, "tips"));
        assertThat(report.violations()).isEmpty();
        assertThat(report.holds()).isTrue();
    }

    @Test
    void aSupplyDifferenceIsReportedWithItsSizeAndNothingIsCorrected() {
        InMemoryLedger l = lifeCycle();
        int before = l.entries().size();
        var report = checker.check(l, new ChainFigures(sat(150_001), sat(1_147_000), Satoshis.ZERO, "tips"));
        assertThat(report.violations()).extracting(InvariantChecker.Violation::invariant)
                .containsExactlyInAnyOrder(InvariantChecker.Invariant.WRAPPED_SUPPLY_MATCHES_BOOKS,
                        InvariantChecker.Invariant.USERS_FULLY_BACKED);
        assertThat(report.violations().get(0).difference()).isEqualTo(1);
        assertThat(l.entries()).hasSize(before);
    }

    @Test
    void missingBitcoinAndUnderBackingAreReported() {
        InMemoryLedger l = lifeCycle();
        var report = checker.check(l, new ChainFigures(sat(150_000), sat(1_140_000), sat(10_000), "tips"));
        assertThat(report.violations()).extracting(InvariantChecker.Violation::invariant)
                .containsExactlyInAnyOrder(InvariantChecker.Invariant.BITCOIN_HELD_MATCHES_BOOKS,
                        InvariantChecker.Invariant.USERS_FULLY_BACKED);
        var held = report.violations().stream()
                .filter(v -> v.invariant() == InvariantChecker.Invariant.BITCOIN_HELD_MATCHES_BOOKS).findFirst().orElseThrow();
        assertThat(held.difference()).isEqualTo(-7_000);
    }

    @Test
    void aNegativeAccountIsAViolationNotAnException() {
        InMemoryLedger l = new InMemoryLedger();
        l.record(new LedgerEntry("fee:x", EntryKind.FEE_PAID,
                List.of(Posting.debit(Account.FEES, sat(10)), Posting.credit(Account.BTC_GROUP_MAIN, sat(10))), "block x@1"));
        var report = checker.check(l, new ChainFigures(Satoshis.ZERO, Satoshis.ZERO, Satoshis.ZERO, "tips"));
        assertThat(report.violations()).extracting(InvariantChecker.Violation::invariant)
                .contains(InvariantChecker.Invariant.ACCOUNT_NOT_NEGATIVE);
    }
}
