package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.evm.EvmClient;
import io.synod.peg.application.invariants.InvariantWatcher;
import io.synod.peg.application.invariants.NodeFigures;
import io.synod.peg.domain.ledger.InvariantChecker;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.invariants.BcoinHoldings;
import io.synod.peg.infrastructure.invariants.Web3jSidechainSupply;
import io.synod.peg.infrastructure.memory.InMemoryAlertLog;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.shared.domain.Satoshis;

/**
 * A payout in flight is not a difference: with three confirmations required, the payout sits in the mempool and then
 * in blocks unbooked while the node's index already shows its inputs spent and its change; the watcher counts the
 * group's transactions in flight as not yet made, so every check from the burn to the booked payout holds (real
 * bcoin, anvil, three members signing in process).
 */
class PayoutInFlightInvariantsChainTest {

    @Test
    void everyBlockFromTheBurnToTheBookedPayoutBalances() {
        PegOutHarness h = new PegOutHarness(new PegOutPolicy(2, 3,
                new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
                new WithdrawalLimits(Satoshis.of(5_000_000), Satoshis.of(10_000_000), 5, 20), 4, 4, 3,
                Duration.ofSeconds(60)));
        PegOutHarness.Member member = h.proposerMember();
        InMemoryAlertLog alerts = new InMemoryAlertLog();
        InvariantWatcher watcher = new InvariantWatcher(member.ledger, new NodeFigures(h.devnet.bitcoinRpc(),
                new Web3jSidechainSupply(member.client, h.deployment.addresses().token()),
                new BcoinHoldings(new BcoinAddressIndex(h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword()),
                        h.groupAddress, List::of, 1),
                member.store, new InMemoryDepositBook()), alerts, Clock.systemUTC());
        h.fundGroup(1_000_000, 2);
        EvmClient user = h.user(600_000);
        long seq = h.redeem(user, 250_000, PegOutHarness.randomP2wpkh());
        h.pollAll();
        assertHolds(watcher.poll().orElseThrow());
        h.mineSidechain(2);
        h.pollAll();
        assertHolds(watcher.poll().orElseThrow());

        PegOutProposer proposer = h.proposer();
        proposer.step();
        assertThat(member.store.redemption(seq).orElseThrow().status()).isEqualTo(RedemptionStatus.BROADCAST);
        h.mineSidechain(1); // a new block, so the watcher checks with the payout in the mempool
        assertHolds(watcher.poll().orElseThrow());
        for (int i = 0; i < 2; i++) {
            h.devnet.mineBitcoin(1);
            proposer.step();
            assertThat(member.store.redemption(seq).orElseThrow().status()).as("mined, not yet final")
                    .isEqualTo(RedemptionStatus.BROADCAST);
            assertHolds(watcher.poll().orElseThrow());
        }
        h.devnet.mineBitcoin(1);
        proposer.step();
        assertThat(member.store.redemption(seq).orElseThrow().status()).isIn(RedemptionStatus.CONFIRMED,
                RedemptionStatus.COMPLETED);
        assertHolds(watcher.poll().orElseThrow());
        assertThat(alerts.latest(10)).isEmpty();
    }

    private static void assertHolds(InvariantChecker.Report r) {
        assertThat(r.violations()).as(r.evidence()).isEmpty();
    }
}
