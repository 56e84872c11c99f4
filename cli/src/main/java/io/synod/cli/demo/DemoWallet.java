package io.synod.cli.demo;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.BitcoinRpcClient;
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
import io.synod.chain.devnet.Devnet;

/**
 * The demo user's Bitcoin on the local regtest: coins {@code ./synod run} paid to a key of its own, spent one per
 * demo run (its change is left alone), and blocks mined on demand to an address nobody holds.
 */
final class DemoWallet implements PegUser.Bitcoin {
    static final int COINS = 8;
    static final Satoshis COIN = Satoshis.of(20_000_000);

    private final ECKey key;
    private final List<Utxo> coins;
    private final BitcoinRpcClient rpc;
    private final Broadcaster broadcaster;
    private final String burnAddress;

    DemoWallet(ECKey key, List<Utxo> coins, BitcoinRpcClient rpc, Broadcaster broadcaster, BitcoinNetwork network) {
        this.key = key;
        this.coins = List.copyOf(coins);
        this.rpc = rpc;
        this.broadcaster = broadcaster;
        this.burnAddress = network.address(ScriptBuilder.createP2WPKHOutputScript(new ECKey()));
    }

    /** Funds a fresh demo key from the devnet's faucet; returns the key (hex) and its coins. */
    static DemoFunds fund(Devnet devnet) {
        ECKey k = new ECKey();
        List<Utxo> coins = devnet.fundBitcoin(ScriptBuilder.createP2WPKHOutputScript(k), COIN, COINS);
        return new DemoFunds(k.getPrivateKeyAsHex(), coins);
    }

    record DemoFunds(String keyHex, List<Utxo> coins) {
    }

    static DemoWallet open(DemoFile f, BitcoinRpcClient rpc, Broadcaster broadcaster, BitcoinNetwork network) {
        return new DemoWallet(ECKey.fromPrivate(new BigInteger(f.walletKey(), 16)), f.coins(), rpc, broadcaster,
                network);
    }

    @Override
    public Outpoint pay(Script script, long sats) {
        Utxo coin = coins.stream().filter(c -> rpc.getTxOut(c.outpoint(), true).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo wallet is spent: restart ./synod run"));
        PayoutBuilder builder = new PayoutBuilder(key.getPubKey(),
                new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(2), 1), n -> Optional.empty());
        UnsignedPayout unsigned = builder.build(List.of(Payout.to(script, Satoshis.of(sats))), List.of(coin));
        Txid txid = broadcaster.broadcast(builder.sign(unsigned, TransactionSigner.ofKey(key)));
        mine(1);
        String hex = HexFormat.of().formatHex(script.program());
        for (int i = 0; i < unsigned.transaction().getOutputs().size(); i++) {
            if (HexFormat.of().formatHex(unsigned.transaction().getOutput(i).getScriptBytes()).equals(hex)) {
                return new Outpoint(txid, i);
            }
        }
        throw new IllegalStateException("the payment has no output to the deposit script");
    }

    @Override
    public void mine(int blocks) {
        rpc.generateToAddress(blocks, burnAddress);
    }

    @Override
    public long height() {
        return rpc.getBlockCount().value();
    }
}
