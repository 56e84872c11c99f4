package io.synod.chain.devnet;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.PayoutBuilder;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.UnsignedPayout;
import io.synod.chain.bitcoin.Utxo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;

/**
 * Devnet-only coins: the early coinbases (50 BTC each; regtest halves the subsidy every 150 blocks, so later
 * coinbases are worth little) are mined to a key this faucet keeps, and handed out in ordinary payments.
 */
final class BitcoinFaucet {

    static final int COINBASES = 150;

    private final ECKey key = new ECKey();
    private final BitcoinRpcClient rpc;
    private final Broadcaster broadcaster;
    private final PayoutBuilder builder;
    private long nextCoinbaseHeight = 1;
    private final List<Utxo> change = new ArrayList<>();

    BitcoinFaucet(BitcoinRpcClient rpc, Broadcaster broadcaster) {
        this.rpc = rpc;
        this.broadcaster = broadcaster;
        this.builder = new PayoutBuilder(key.getPubKey(),
                new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(2), 1), n -> Optional.empty());
    }

    Script script() {
        return builder.groupScript();
    }

    /** Pays {@code amount} to {@code script} {@code count} times in one transaction, not yet mined. */
    synchronized List<Utxo> pay(Script script, Satoshis amount, int count) {
        List<Payout> payouts = Collections.nCopies(count, Payout.to(script, amount));
        List<Utxo> coins = new ArrayList<>(change);
        long needed = amount.value() * count + 100_000;
        long have = coins.stream().mapToLong(u -> u.value().value()).sum();
        while (have < needed) {
            Utxo coinbase = coinbaseAt(nextCoinbaseHeight++);
            coins.add(coinbase);
            have += coinbase.value().value();
        }
        UnsignedPayout unsigned = builder.build(payouts, coins);
        Transaction tx = builder.sign(unsigned, signer());
        Txid txid = broadcaster.broadcast(tx);
        change.removeAll(unsigned.inputs());
        unsigned.changeIndex().ifPresent(i -> change.add(new Utxo(new Outpoint(txid, i), unsigned.change())));
        List<Utxo> paid = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paid.add(new Utxo(new Outpoint(txid, i), amount));
        }
        return paid;
    }

    private Utxo coinbaseAt(long height) {
        if (height > COINBASES) {
            throw new DevnetException("the devnet faucet is empty", null);
        }
        Transaction coinbase = rpc.getBlock(rpc.getBlockHash(BlockHeight.of(height))).getTransactions().get(0);
        String ours = HexFormat.of().formatHex(script().program());
        for (int i = 0; i < coinbase.getOutputs().size(); i++) {
            if (HexFormat.of().formatHex(coinbase.getOutput(i).getScriptBytes()).equals(ours)) {
                return new Utxo(new Outpoint(Txid.of(coinbase.getTxId()), i),
                        Satoshis.of(coinbase.getOutput(i).getValue().value));
            }
        }
        throw new DevnetException("block " + height + " does not pay the faucet", null);
    }

    private TransactionSigner signer() {
        return TransactionSigner.ofKey(key);
    }
}
