package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.TestKeySigner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionRejectedException;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.devnet.Devnet;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

/** Deposits paid to their P2WSH addresses on a real bcoin, swept by the group branch or refunded after the lock. */
class DepositChainTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * bcoin 1.0.2's mempool names no script error: a witness script failing under its standard flags is re-run
     * with only the P2SH flag (witness unchecked), passes, and is reported as this (Core names the opcode).
     */
    private static final String SCRIPT_FAILED = "script-verify-flag";

    private final Devnet devnet = Devnet.shared();
    private final BitcoinRpcClient rpc = devnet.bitcoinRpc();
    private final Broadcaster broadcaster = devnet.bitcoinBroadcaster();
    private final FeePolicy policy = new FeePolicy(FeeRate.satPerVbyte(3), FeeRate.satPerVbyte(50), 6);
    private final TestKeySigner group = new TestKeySigner();
    private final DepositSweep sweeper = new DepositSweep(group.publicKey(), policy, rpc::estimateSmartFee);

    @Test
    void severalDepositsAreSweptInOneTransactionByTheGroupBranchForExactAmounts() {
        SidechainRecipient alice = recipient();
        TestKeySigner depositor = new TestKeySigner();
        long refundAt = rpc.getBlockCount().value() + 100;
        // Two deposits to the same recipient (told apart by the nonce) and one to another.
        List<Deposit> deposits = List.of(
                fund(terms(alice, depositor, refundAt), 1_000_000),
                fund(terms(alice, depositor, refundAt), 2_345_678),
                fund(terms(recipient(), new TestKeySigner(), refundAt + 7), 777_777));
        assertThat(deposits.stream().map(d -> d.script().outputScript()).distinct()).hasSize(3);

        UnsignedSweep sweep = sweeper.build(deposits);
        long total = 1_000_000 + 2_345_678 + 777_777;
        assertThat(sweep.total().value()).isEqualTo(total);
        // No estimate on regtest: the floor rate, on the size priced with the largest signatures.
        assertThat(sweep.feeRate()).isEqualTo(policy.floor());
        assertThat(sweep.fee()).isEqualTo(policy.floor().feeFor(sweep.pricedVsize()));
        assertThat(sweep.swept().value()).isEqualTo(total - sweep.fee().value());

        group.answerHighS = true; // normalised to low-S, or bcoin would drop it
        Transaction signed = sweeper.sign(sweep, group);
        assertThat(group.calls).isEqualTo(3);
        assertThat((long) signed.getVsize()).isLessThanOrEqualTo(sweep.pricedVsize()).isGreaterThan(
                sweep.pricedVsize() - 6);
        Txid txid = broadcaster.broadcast(signed);
        // The node computes the same fee from the coins it holds.
        JsonNode entry = rpc.getMempoolEntry(txid).orElseThrow();
        assertThat(btcToSat(entry.path("fee"))).isEqualTo(sweep.fee().value());

        devnet.mineBitcoin(1);
        assertThat(broadcaster.confirmations(txid)).contains(1);
        JsonNode out = rpc.getTxOut(new Outpoint(txid, 0), false).orElseThrow();
        assertThat(btcToSat(out.path("value"))).isEqualTo(sweep.swept().value());
        assertThat(out.path("scriptPubKey").path("hex").asText())
                .isEqualTo(HexFormat.of().formatHex(sweeper.groupScript().program()));
        for (Deposit d : deposits) {
            assertThat(rpc.getTxOut(d.outpoint(), true)).isEmpty();
        }
        // The chain alone identifies each deposit: the revealed witness script parses to the deposit's terms.
        Transaction mined = minedTransaction(txid);
        for (int i = 0; i < deposits.size(); i++) {
            byte[] revealed = mined.getInput(i).getWitness().getPush(2);
            assertThat(DepositScript.parse(revealed)).isEqualTo(deposits.get(i).script());
            assertThat(DepositScript.parse(revealed).recipient()).isEqualTo(i < 2 ? alice : deposits.get(2).script()
                    .recipient());
        }
    }

    @Test
    void refundIsRejectedOneBlockBeforeTheLockAndAcceptedAtItAndTheScriptItselfEnforcesTheHeight() {
        TestKeySigner depositor = new TestKeySigner();
        long refundAt = rpc.getBlockCount().value() + 4;
        Deposit deposit = fund(terms(recipient(), depositor, refundAt), 1_500_000);
        Script back = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        FeeRate rate = FeeRate.satPerVbyte(2);
        UnsignedRefund refund = DepositRefund.build(deposit, back, rate);
        assertThat(refund.transaction().lockTime().rawValue()).isEqualTo(refundAt);
        assertThat(refund.transaction().getInput(0).getSequenceNumber()).isEqualTo(0xfffffffeL);
        Transaction signed = DepositRefund.sign(refund, depositor);

        mineUntilTip(refundAt - 1);
        SweepMargin margin = new SweepMargin(1);
        assertThat(margin.allowsMint(rpc.getBlockCount(), deposit.script())).isTrue();
        // One block before: the next block is refundAt, where a lock time of refundAt is not yet final.
        assertThatThrownBy(() -> broadcaster.broadcast(signed))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains("non-final"));
        // A refund that sets an earlier lock time is final now, but the script's CHECKLOCKTIMEVERIFY refuses it.
        Transaction early = DepositRefund.sign(DepositRefund.build(deposit, back, rate, refundAt - 1), depositor);
        assertThatThrownBy(() -> broadcaster.broadcast(early))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains(SCRIPT_FAILED).doesNotContain("non-final"));

        devnet.mineBitcoin(1);
        assertThat(rpc.getBlockCount().value()).isEqualTo(refundAt);
        assertThat(margin.allowsMint(rpc.getBlockCount(), deposit.script())).isFalse();
        Txid txid = broadcaster.broadcast(signed);
        assertThat(btcToSat(rpc.getMempoolEntry(txid).orElseThrow().path("fee"))).isEqualTo(refund.fee().value());
        List<BlockHash> mined = devnet.mineBitcoin(1);
        assertThat(broadcaster.confirmations(txid)).contains(1);
        assertThat(rpc.getBlock(mined.get(0)).getTransactions()).anyMatch(t -> t.getTxId().equals(signed.getTxId()));
        JsonNode out = rpc.getTxOut(new Outpoint(txid, 0), false).orElseThrow();
        assertThat(btcToSat(out.path("value"))).isEqualTo(1_500_000 - refund.fee().value())
                .isEqualTo(refund.payout().amount().value());
        assertThat(refund.fee()).isEqualTo(rate.feeFor(refund.pricedVsize()));
        assertThat((long) signed.getVsize()).isLessThanOrEqualTo(refund.pricedVsize());
        assertThat(rpc.getTxOut(deposit.outpoint(), true)).isEmpty();
    }

    @Test
    void wrongKeysAreRefusedLocallyAndByTheNodeWithItsReason() {
        TestKeySigner depositor = new TestKeySigner();
        long refundAt = rpc.getBlockCount().value() + 2;
        Deposit deposit = fund(terms(recipient(), depositor, refundAt), 900_000);
        mineUntilTip(refundAt); // the refund branch is open: only the key can fail now
        TestKeySigner stranger = new TestKeySigner();
        Script back = ScriptBuilder.createP2WPKHOutputScript(new ECKey());

        UnsignedSweep sweep = sweeper.build(List.of(deposit));
        assertThatThrownBy(() -> sweeper.sign(sweep, stranger)).hasMessageContaining("another key");
        assertThatThrownBy(() -> sweeper.sign(sweep, depositor)).hasMessageContaining("another key");
        UnsignedRefund refund = DepositRefund.build(deposit, back, FeeRate.satPerVbyte(2));
        assertThatThrownBy(() -> DepositRefund.sign(refund, stranger)).hasMessageContaining("refund key");
        assertThatThrownBy(() -> DepositRefund.sign(refund, group)).hasMessageContaining("refund key");
        // A stranger's key matches neither hash: the refund branch's OP_EQUALVERIFY fails in the node.
        assertThatThrownBy(() -> broadcaster.broadcast(DepositSweep.signWith(sweep, stranger)))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains(SCRIPT_FAILED));
        assertThatThrownBy(() -> broadcaster.broadcast(DepositRefund.signWith(refund, stranger)))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains(SCRIPT_FAILED));
        // The group's key presented with a signature by another key: the group branch's CHECKSIG fails.
        Transaction forged = DepositSweep.signWith(sweep, stranger);
        org.bitcoinj.core.TransactionWitness w = forged.getInput(0).getWitness();
        forged.replaceInput(0, forged.getInput(0).withWitness(org.bitcoinj.core.TransactionWitness.of(w.getPush(0),
                group.publicKey(), w.getPush(2))));
        assertThatThrownBy(() -> broadcaster.broadcast(forged))
                .isInstanceOfSatisfying(TransactionRejectedException.class,
                        e -> assertThat(e.reason()).contains(SCRIPT_FAILED));
        assertThat(rpc.getTxOut(deposit.outpoint(), true)).isPresent();

        // The right key still sweeps it (even with the refund open, whoever is first wins: hence the margin).
        Txid txid = broadcaster.broadcast(sweeper.sign(sweep, group));
        devnet.mineBitcoin(1);
        assertThat(broadcaster.confirmations(txid)).contains(1);
    }

    @Test
    void bcoinSeesTheDepositAtTheAddressWeDerive() {
        Deposit d = fund(terms(recipient(), new TestKeySigner(), rpc.getBlockCount().value() + 50), 600_000);
        JsonNode out = rpc.getTxOut(d.outpoint(), false).orElseThrow();
        JsonNode spk = out.path("scriptPubKey");
        String address = spk.has("address") ? spk.path("address").asText() : spk.path("addresses").path(0).asText();
        assertThat(address).isEqualTo(d.script().address(devnet.bitcoinNetwork())).startsWith("rb1q");
        assertThat(spk.path("type").asText().toLowerCase(java.util.Locale.ROOT))
                .isIn("witnessscripthash", "witness_v0_scripthash");
    }

    private DepositTerms terms(SidechainRecipient recipient, TestKeySigner depositor, long refundAt) {
        return new DepositTerms(recipient, depositor.publicKey(), RefundHeight.of(refundAt),
                DepositNonce.random(RANDOM));
    }

    private Deposit fund(DepositTerms terms, long sats) {
        DepositScript script = DepositScript.of(group.publicKey(), terms);
        Utxo coin = devnet.fundBitcoin(script.outputScript(), Satoshis.of(sats), 1).get(0);
        return new Deposit(coin.outpoint(), coin.value(), script);
    }

    private void mineUntilTip(long height) {
        long tip = rpc.getBlockCount().value();
        assertThat(tip).as("tip already past %d", height).isLessThanOrEqualTo(height);
        if (tip < height) {
            devnet.mineBitcoin(Math.toIntExact(height - tip));
        }
        assertThat(rpc.getBlockCount().value()).isEqualTo(height);
    }

    private Transaction minedTransaction(Txid txid) {
        String blockHash = rpc.getRawTransactionVerbose(txid).orElseThrow().path("blockhash").asText();
        Block block = rpc.getBlock(new BlockHash(blockHash));
        List<Transaction> found = new ArrayList<>(block.getTransactions());
        found.removeIf(t -> !t.getTxId().equals(txid.toSha256Hash()));
        return found.get(0);
    }

    private static SidechainRecipient recipient() {
        byte[] a = new byte[20];
        RANDOM.nextBytes(a);
        return new SidechainRecipient(a);
    }

    private static long btcToSat(JsonNode value) {
        return value.decimalValue().movePointRight(8).longValueExact();
    }

}
