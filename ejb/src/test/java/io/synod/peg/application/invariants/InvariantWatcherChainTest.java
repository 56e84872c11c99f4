package io.synod.peg.application.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.peg.application.pegout.PegOutHarness;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.ledger.InvariantChecker.Invariant;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.infrastructure.invariants.BcoinHoldings;
import io.synod.peg.infrastructure.invariants.JdbcAlertLog;
import io.synod.peg.infrastructure.invariants.Web3jSidechainSupply;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.peg.infrastructure.persistence.PegDatabaseExtension;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The invariant watcher on real chains (bcoin, anvil and the group's contracts) with its alerts in a real PostgreSQL:
 * balanced books raise nothing block after block; a mint made on the sidechain behind the books' back, and a booked
 * deposit that Bitcoin does not have, each raise one alert at the next block naming the invariant and the difference;
 * nothing is corrected; an alert is cleared once the books and the chain agree again.
 */
class InvariantWatcherChainTest {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private PegOutHarness h;
    private PegOutHarness.Member member;
    private AlertLog alerts;
    private InvariantWatcher watcher;

    @BeforeEach
    void setUp() {
        h = new PegOutHarness(PegOutHarness.roomyPolicy());
        member = h.proposerMember();
        alerts = new JdbcAlertLog(DATABASE.fresh().dataSource());
        NodeFigures figures = new NodeFigures(h.devnet.bitcoinRpc(),
                new Web3jSidechainSupply(member.client, h.deployment.addresses().token()),
                new BcoinHoldings(new BcoinAddressIndex(h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword()),
                        h.groupAddress, List::of, 1),
                member.store, new InMemoryDepositBook());
        watcher = new InvariantWatcher(member.ledger, figures, alerts, Clock.systemUTC());
    }

    @Test
    void balancedBooksRaiseNothingAndEachDifferenceIsAlertedAtTheNextBlockAndNeverCorrected() {
        h.fundGroup(1_000_000, 2);
        h.user(500_000);
        for (int i = 0; i < 3; i++) {
            assertThat(watcher.poll()).hasValueSatisfying(r -> assertThat(r.violations()).isEmpty());
            h.devnet.mineBitcoin(1);
        }
        assertThat(watcher.poll()).isPresent();
        assertThat(watcher.poll()).as("no new block, no check").isEmpty();
        assertThat(alerts.latest(10)).isEmpty();

        // 300,000 wrapped units minted under a group signature that no member booked.
        Outpoint unbooked = h.mintUnbooked(300_000);
        assertThat(watcher.poll()).hasValueSatisfying(r -> assertThat(r.violations()).singleElement()
                .satisfies(v -> assertThat(v.invariant()).isEqualTo(Invariant.WRAPPED_SUPPLY_MATCHES_BOOKS)));
        h.devnet.mineBitcoin(1);
        watcher.poll();
        assertThat(alerts.open()).singleElement().satisfies(a -> {
            assertThat(a.invariant()).isEqualTo(Invariant.WRAPPED_SUPPLY_MATCHES_BOOKS);
            assertThat(a.expected()).isEqualTo(500_000);
            assertThat(a.found()).isEqualTo(800_000);
            assertThat(a.difference()).isEqualTo(300_000);
            assertThat(a.block()).startsWith("bitcoin " + h.devnet.bitcoinRpc().getBlockCount().value() + " ");
            assertThat(a.evidence()).contains("totalSupply 800000");
        });
        h.devnet.mineBitcoin(1);
        watcher.poll();
        assertThat(alerts.latest(10)).as("the same difference is alerted once").hasSize(1);

        // A booked deposit of 50,000 sat that no Bitcoin block holds.
        member.ledger.record(PegEntries.depositConfirmed(new Outpoint(PegOutHarness.random32(), 0), Satoshis.of(50_000),
                "no-such-block", 1));
        h.devnet.mineBitcoin(1);
        watcher.poll();
        assertThat(alerts.open()).hasSize(1);
        h.devnet.mineBitcoin(1);
        watcher.poll();
        assertThat(alerts.open()).hasSize(2).anySatisfy(a -> {
            assertThat(a.invariant()).isEqualTo(Invariant.BITCOIN_HELD_MATCHES_BOOKS);
            assertThat(a.expected()).isEqualTo(2_050_000);
            assertThat(a.found()).isEqualTo(2_000_000);
            assertThat(a.difference()).isEqualTo(-50_000);
        });

        // Nothing was corrected: the books and the chain still say what they said.
        assertThat(member.ledger.balance(Account.WRAPPED_SUPPLY)).isEqualTo(Satoshis.of(500_000));
        assertThat(member.ledger.balance(Account.BTC_DEPOSITS_UNSWEPT)).isEqualTo(Satoshis.of(50_000));

        // Once the mint is booked (by whoever finds its evidence), its alert is cleared at the next block, not deleted.
        member.ledger.record(PegEntries.minted(unbooked, Satoshis.of(300_000), "0xfound-by-an-operator", 1));
        h.devnet.mineBitcoin(1);
        watcher.poll();
        assertThat(alerts.open()).singleElement()
                .satisfies(a -> assertThat(a.invariant()).isEqualTo(Invariant.BITCOIN_HELD_MATCHES_BOOKS));
        assertThat(alerts.latest(10)).hasSize(2).filteredOn(a -> !a.open()).singleElement()
                .satisfies(a -> assertThat(a.clearedAt()).hasValueSatisfying(b -> assertThat(b).startsWith("bitcoin ")));
    }
}
