package io.synod.chain.bitcoin;

import io.synod.chain.devnet.Devnet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.script.Script;

/** Gives a script spendable coins on the devnet by mining coinbases to it and letting them mature. */
final class RegtestFunds {

    private RegtestFunds() {
    }

    /** {@code coins} confirmed coins of 0.05 BTC for {@code script}, from the devnet's faucet. */
    static List<Utxo> mineTo(Devnet devnet, Script script, int coins) {
        return devnet.fundBitcoin(script, Satoshis.of(5_000_000), coins);
    }

    static List<Utxo> outputsTo(List<Transaction> txs, Script script) {
        List<Utxo> utxos = new ArrayList<>();
        String hex = HexFormat.of().formatHex(script.program());
        for (Transaction tx : txs) {
            for (int i = 0; i < tx.getOutputs().size(); i++) {
                if (HexFormat.of().formatHex(tx.getOutput(i).getScriptBytes()).equals(hex)) {
                    utxos.add(new Utxo(new Outpoint(Txid.of(tx.getTxId()), i),
                            Satoshis.of(tx.getOutput(i).getValue().value)));
                }
            }
        }
        return utxos;
    }

    static List<Utxo> outputsTo(Block block, Script script) {
        return outputsTo(block.getTransactions(), script);
    }
}
