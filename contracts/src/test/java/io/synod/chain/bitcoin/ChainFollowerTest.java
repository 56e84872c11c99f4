package io.synod.chain.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.synod.chain.FileCursorStore;
import io.synod.chain.devnet.Devnet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower against a real bcoin: reorganisations, exactly-once confirmation, restart from the cursor. */
class ChainFollowerTest {

    private static final int CONFIRMATIONS = 3;

    private final Devnet devnet = Devnet.shared();
    private final BitcoinRpcClient rpc = devnet.bitcoinRpc();
    private final Broadcaster broadcaster = Broadcaster.forBcoin(rpc, devnet.bitcoinRpcPassword(),
            java.util.Optional.of(devnet.bitcoinLog()), Duration.ofSeconds(10));

    /** Records every callback, so "exactly once" is checked on what a consumer would have seen. */
    private static final class Recorder implements PaymentListener {
        final List<Payment> confirmed = new ArrayList<>();
        final List<Payment> rolledBack = new ArrayList<>();

        @Override
        public void confirmed(Payment payment, int confirmations) {
            assertThat(confirmations).isGreaterThanOrEqualTo(CONFIRMATIONS);
            confirmed.add(payment);
        }

        @Override
        public void rolledBack(Payment payment, boolean wasReportedConfirmed) {
            rolledBack.add(payment);
        }
    }

    @Test
    void depositReorganisedOutIsNeverConfirmedAndTheSurvivorIsReportedExactlyOnceAcrossARestart(@TempDir Path dir) {
        TestKeySigner payer = new TestKeySigner();
        PayoutBuilder payerWallet = new PayoutBuilder(payer.publicKey(),
                new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(50), 6), rpc::estimateSmartFee);
        List<Utxo> coins = RegtestFunds.mineTo(devnet, payerWallet.groupScript(), 2);
        Script deposit = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        Script elsewhere = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        String depositHex = HexFormat.of().formatHex(deposit.program());

        FileCursorStore<FollowerCursor> store = new FileCursorStore<>(dir.resolve("btc-cursor.json"), FollowerCursor.class);
        BlockHeight start = rpc.getBlockCount().next();
        ChainFollower follower = new ChainFollower(rpc, store, Set.of(depositHex), CONFIRMATIONS, 20, start);
        Recorder seen = new Recorder();
        follower.poll(seen);

        // A deposit is mined in one block, seen with one confirmation, then that block is orphaned and the
        // deposit's coin is spent elsewhere in the new best chain.
        Utxo coin = coins.get(0);
        Transaction doomed = payerWallet.sign(payerWallet.build(
                List.of(Payout.to(deposit, Satoshis.of(1_000_000))), List.of(coin)), payer);
        broadcaster.broadcast(doomed);
        BlockHash orphan = devnet.mineBitcoin(1).get(0);
        FollowerReport first = follower.poll(seen);
        Outpoint doomedDeposit = new Outpoint(Txid.of(doomed.getTxId()), 0);
        assertThat(first.pendingConfirmations()).containsEntry(doomedDeposit, 1);
        assertThat(first.confirmed()).isEmpty();

        rpc.invalidateBlock(orphan);
        // A higher fee rate than the doomed payment, so any node would prefer it.
        PayoutBuilder higherFee = new PayoutBuilder(payer.publicKey(),
                new FeePolicy(FeeRate.satPerVbyte(5), FeeRate.satPerVbyte(50), 6), n -> Optional.empty());
        Transaction conflictSigned = higherFee.sign(
                higherFee.build(List.of(Payout.to(elsewhere, Satoshis.of(1_000_000))), List.of(coin)), payer);
        broadcaster.broadcast(conflictSigned);
        devnet.mineBitcoin(CONFIRMATIONS + 2);
        FollowerReport afterReorg = follower.poll(seen);
        assertThat(afterReorg.rolledBack()).extracting(Payment::outpoint).containsExactly(doomedDeposit);
        assertThat(afterReorg.pendingConfirmations()).doesNotContainKey(doomedDeposit);
        assertThat(seen.confirmed).isEmpty();

        // A deposit that stays in the best chain is reported once it has the required confirmations, and once only.
        Transaction survivor = payerWallet.sign(payerWallet.build(
                List.of(Payout.to(deposit, Satoshis.of(2_000_000))), List.of(coins.get(1))), payer);
        broadcaster.broadcast(survivor);
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        assertThat(follower.poll(seen).confirmed()).isEmpty();
        devnet.mineBitcoin(1);
        assertThat(follower.poll(seen).confirmed()).extracting(Payment::outpoint)
                .containsExactly(new Outpoint(Txid.of(survivor.getTxId()), 0));
        devnet.mineBitcoin(2);
        assertThat(follower.poll(seen).confirmed()).isEmpty();

        // Restart: a new follower on the same cursor file. A deposit mined while it was down is found, the
        // survivor is not reported again.
        Utxo change = RegtestFunds.outputsTo(List.of(survivor), payerWallet.groupScript()).get(0);
        Transaction whileDown = payerWallet.sign(payerWallet.build(
                List.of(Payout.to(deposit, Satoshis.of(300_000))), List.of(change)), payer);
        broadcaster.broadcast(whileDown);
        devnet.mineBitcoin(CONFIRMATIONS);
        ChainFollower restarted = new ChainFollower(rpc, store, Set.of(depositHex), CONFIRMATIONS, 20, start);
        FollowerReport resumed = restarted.poll(seen);
        assertThat(resumed.confirmed()).extracting(Payment::outpoint)
                .containsExactly(new Outpoint(Txid.of(whileDown.getTxId()), 0));
        assertThat(restarted.poll(seen).confirmed()).isEmpty();

        assertThat(seen.confirmed).extracting(Payment::outpoint).containsExactly(
                new Outpoint(Txid.of(survivor.getTxId()), 0), new Outpoint(Txid.of(whileDown.getTxId()), 0));
        assertThat(seen.confirmed).extracting(Payment::value)
                .containsExactly(Satoshis.of(2_000_000), Satoshis.of(300_000));
        assertThat(seen.rolledBack).extracting(Payment::outpoint).containsExactly(doomedDeposit);
    }

    @Test
    void aScriptWatchedLateHasItsPaymentsInTheRememberedBlocksFoundOnce(@TempDir Path dir) {
        Script early = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        Script late = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        String earlyHex = HexFormat.of().formatHex(early.program());
        String lateHex = HexFormat.of().formatHex(late.program());
        FileCursorStore<FollowerCursor> store = new FileCursorStore<>(dir.resolve("btc-cursor.json"), FollowerCursor.class);
        BlockHeight start = rpc.getBlockCount().next();
        Recorder seen = new Recorder();
        new ChainFollower(rpc, store, Set.of(earlyHex), CONFIRMATIONS, 20, start).poll(seen);

        // Paid while only the early script was watched: the block is scanned without it.
        Utxo paid = devnet.fundBitcoin(late, Satoshis.of(420_000), 1).get(0);
        assertThat(new ChainFollower(rpc, store, Set.of(earlyHex), CONFIRMATIONS, 20, start).poll(seen)
                .pendingConfirmations()).isEmpty();

        ChainFollower follower = new ChainFollower(rpc, store, Set.of(earlyHex, lateHex), CONFIRMATIONS, 20, start);
        assertThat(follower.lookBack(Set.of(lateHex, "0014" + "00".repeat(20)))).as("an unwatched script is ignored")
                .isEqualTo(1);
        assertThat(follower.lookBack(Set.of(lateHex))).as("already pending").isZero();
        assertThat(follower.poll(seen).pendingConfirmations()).containsEntry(paid.outpoint(), 1);
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        assertThat(follower.poll(seen).confirmed()).extracting(Payment::outpoint).containsExactly(paid.outpoint());
        assertThat(follower.lookBack(Set.of(lateHex))).as("already reported").isZero();
        devnet.mineBitcoin(1);
        assertThat(follower.poll(seen).confirmed()).isEmpty();
        assertThat(seen.confirmed).extracting(Payment::value).containsExactly(Satoshis.of(420_000));
    }
}
