package io.synod.peg.application.pegin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.peg.application.views.DepositView;
import io.synod.peg.application.views.GuardSnapshot;
import io.synod.peg.application.views.PegQueries;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.infrastructure.memory.InMemoryAlertLog;
import io.synod.peg.infrastructure.pegout.InMemoryPegOutStore;
import io.synod.peg.infrastructure.persistence.PegDatabase;
import io.synod.peg.infrastructure.persistence.PegDatabaseExtension;
import io.synod.peg.infrastructure.persistence.Transactional;
import io.synod.shared.domain.Satoshis;

/**
 * The peg-in side of the read models over books in a real PostgreSQL, driven by the in-process group on bcoin and
 * anvil: the guard's bound, value held, headroom and stake basis; a deposit waiting for stake in the guard queue
 * until stake grows; payments that will never be minted listed with their outpoint and reason.
 */
class PegInViewsChainTest {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private static final int CONFIRMATIONS = 3;
    private static final int MARGIN = 10;

    @Test
    void theGuardAndItsQueueAndTheNonQualifyingPaymentsAreWhatTheChainsAndTheBookSay(@TempDir Path dir) throws Exception {
        // Four stakes of 100,000 sat, t = 1: the three smallest hold 300,000; at 50 % the bound is 150,000.
        PegInHarness h = new PegInHarness(dir, PegInHarness.policy(CONFIRMATIONS, MARGIN),
                List.of(100_000L, 100_000L, 100_000L, 100_000L), 50, (i, groupKey) -> {
                    PegDatabase.Units u = DATABASE.fresh();
                    return new PegInHarness.Storage(Transactional.book(u, groupKey), Transactional.ledger(u));
                });
        PegInHarness.Member member = h.members.get(1);
        PegQueries views = new PegQueries(new InMemoryPegOutStore(), member.book, h.policy.minAmount(),
                new InMemoryAlertLog(), () -> GuardSnapshot.of(h.guard, h.stakes, member.guardView.status()));
        assertThat(views.guard()).isEqualTo(new GuardSnapshot(Satoshis.of(150_000), Satoshis.ZERO, 150_000, 50, 1, 3,
                List.of(Satoshis.of(100_000), Satoshis.of(100_000), Satoshis.of(100_000), Satoshis.of(100_000))));

        SidechainRecipient erin = PegInHarness.newRecipient();
        Outpoint first = h.pay(h.reveal(erin, h.rpc.getBlockCount().value() + 300), 100_000);
        h.devnet.mineBitcoin(CONFIRMATIONS - 1);
        h.pollAll();
        h.tickAll();
        assertThat(h.mintedEvents(first)).isEqualTo(1);

        long base = h.rpc.getBlockCount().value();
        Outpoint waits = h.pay(h.reveal(erin, base + 300), 80_000);
        Outpoint tiny = h.pay(h.reveal(erin, base + 300), 9_999);
        // Paid in block base+3, confirmed at base+3+CONFIRMATIONS-1; a refund MARGIN-1 blocks after that: too late.
        Outpoint late = h.pay(h.reveal(erin, base + 3 + CONFIRMATIONS - 1 + MARGIN - 1), 200_000);
        h.devnet.mineBitcoin(CONFIRMATIONS - 1);
        h.pollAll();
        h.tickAll();
        assertThat(member.book.find(waits)).hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(PegInState.QUEUED));

        var queues = views.queues();
        assertThat(queues.guardQueue()).singleElement().satisfies(d -> {
            assertThat(d.outpoint()).isEqualTo(waits.toString());
            assertThat(d.amount()).isEqualTo(Satoshis.of(80_000));
            assertThat(d.recipient()).isEqualToIgnoringCase(erin.toString());
            assertThat(d.reason()).isNull();
            assertThat(d.note()).contains("waits for stake");
        });
        assertThat(queues.nonQualifying()).extracting(DepositView::outpoint, DepositView::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(tiny.toString(), DepositView.NonQualifyingReason.BELOW_MINIMUM),
                org.assertj.core.groups.Tuple.tuple(late.toString(), DepositView.NonQualifyingReason.TOO_CLOSE_TO_REFUND));
        assertThat(queues.limitQueue()).isEmpty();
        GuardSnapshot guard = views.guard();
        assertThat(guard.held()).isEqualTo(Satoshis.of(100_000));
        assertThat(guard.headroom()).isEqualTo(50_000);

        // Stake grows: the bound becomes 300,000, the waiting deposit is minted and leaves the queue.
        h.stakes.set(List.of(200_000L, 200_000L, 200_000L, 250_000L));
        h.tickAll();
        h.tickAll();
        assertThat(h.mintedEvents(waits)).isEqualTo(1);
        assertThat(views.queues().guardQueue()).isEmpty();
        assertThat(views.guard()).satisfies(g -> {
            assertThat(g.bound()).isEqualTo(Satoshis.of(300_000));
            assertThat(g.held()).isEqualTo(Satoshis.of(180_000));
            assertThat(g.headroom()).isEqualTo(120_000);
            assertThat(g.stakes()).first().isEqualTo(Satoshis.of(200_000));
        });
    }
}
