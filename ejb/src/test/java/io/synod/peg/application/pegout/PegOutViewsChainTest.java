package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;

import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.evm.EvmClient;
import io.synod.peg.application.views.PegQueries;
import io.synod.peg.application.views.RedemptionView;
import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.invariants.JdbcAlertLog;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.pegout.JdbcPegOutStore;
import io.synod.peg.infrastructure.persistence.PegDatabase;
import io.synod.peg.infrastructure.persistence.PegDatabaseExtension;
import io.synod.shared.domain.Satoshis;

/**
 * The peg-out side of the read models over each member's peg-out store in a real PostgreSQL, on bcoin and anvil: a
 * redemption followed from its burn to its completion (status, payout txid, broadcast and confirmation heights), and
 * one over the rolling cap shown in the limits queue with its reason.
 */
class PegOutViewsChainTest {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    @Test
    void aRedemptionIsFollowedFromItsBurnToItsCompletionAndOneOverTheCapWaitsVisibly() {
        PegOutHarness h = new PegOutHarness(new PegOutPolicy(2, 1,
                new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
                new WithdrawalLimits(Satoshis.of(400_000), Satoshis.of(500_000), 50, 20), 2, 4, 3,
                Duration.ofSeconds(60)), i -> {
                    PegDatabase.Units u = DATABASE.fresh();
                    return new JdbcPegOutStore(u.dataSource());
                });
        PegOutHarness.Member member = h.proposerMember();
        PegQueries views = new PegQueries(member.store, new InMemoryDepositBook(),
                io.synod.chain.bitcoin.Satoshis.of(10_000), new JdbcAlertLog(DATABASE.fresh().dataSource()),
                () -> {
                    throw new IllegalStateException("no guard in a peg-out test");
                });
        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        Script to = PegOutHarness.randomP2wpkh();
        long first = h.redeem(user, 300_000, to);
        assertThat(views.redemption(first)).as("not yet followed by this member").isEmpty();
        h.pollAll();
        assertThat(views.redemption(first)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(RedemptionStatus.REQUESTED);
            assertThat(r.amount()).isEqualTo(Satoshis.of(300_000));
            assertThat(r.outputScriptHex()).isEqualTo(HexFormat.of().formatHex(to.program()));
            assertThat(r.requester()).isEqualToIgnoringCase(user.address());
            assertThat(r.payoutTxid()).isEmpty();
            assertThat(r.broadcastHeight()).isEqualTo(-1);
        });
        long second = h.redeem(user, 300_000, PegOutHarness.randomP2wpkh());
        h.mineSidechain(2);
        h.pollAll();
        assertThat(views.redemption(first).map(RedemptionView::status)).contains(RedemptionStatus.QUEUED);

        PegOutProposer proposer = h.proposer();
        proposer.step();
        long broadcastAt = h.devnet.bitcoinRpc().getBlockCount().value();
        RedemptionView broadcast = views.redemption(first).orElseThrow();
        assertThat(broadcast.status()).isEqualTo(RedemptionStatus.BROADCAST);
        assertThat(broadcast.payoutTxid()).hasValueSatisfying(txid -> assertThat(
                h.devnet.bitcoinRpc().getMempoolEntry(new io.synod.chain.bitcoin.Txid(txid))).isPresent());
        assertThat(broadcast.broadcastHeight()).isEqualTo(broadcastAt);
        assertThat(views.queues().limitQueue()).singleElement().satisfies(r -> {
            assertThat(r.sequence()).isEqualTo(second);
            assertThat(r.status()).isEqualTo(RedemptionStatus.QUEUED_BY_LIMIT);
            assertThat(r.waitingFor()).isEqualTo(LimitReason.ROLLING_CAP);
        });

        h.devnet.mineBitcoin(1);
        proposer.step();
        RedemptionView done = views.redemption(first).orElseThrow();
        assertThat(done.status()).isIn(RedemptionStatus.CONFIRMED, RedemptionStatus.COMPLETED);
        assertThat(done.confirmedHeight()).isEqualTo(broadcastAt + 1);
        assertThat(done.confirmedBlock()).contains(h.devnet.bitcoinRpc()
                .getBlockHash(io.synod.chain.bitcoin.BlockHeight.of(broadcastAt + 1)).hex());
        assertThat(done.payoutTxid()).isEqualTo(broadcast.payoutTxid());
        assertThat(views.alerts(10)).isEmpty();
    }
}
