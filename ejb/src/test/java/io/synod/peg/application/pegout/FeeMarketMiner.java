package io.synod.peg.application.pegout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.RbfMiner;
import io.synod.chain.bitcoin.Txid;

/**
 * A miner in a fee market: it mines one block holding every mempool transaction whose package (itself and its
 * unconfirmed ancestors) pays at least {@code minimum}, as miners selecting by ancestor fee rate do; the rest stays
 * behind. bcoin's own {@code generatetoaddress} takes everything, so a payout could never be stuck on the devnet
 * without it. The node validates the block fully before it becomes the tip.
 */
final class FeeMarketMiner {

    private final BitcoinRpcClient rpc;
    private final FeeRate minimum;

    FeeMarketMiner(BitcoinRpcClient rpc, FeeRate minimum) {
        this.rpc = rpc;
        this.minimum = minimum;
    }

    /** Mines one block; returns the txids it included. */
    List<String> mine() {
        Map<String, Transaction> pool = new HashMap<>();
        Map<String, Long> fees = new HashMap<>();
        for (Txid id : rpc.getRawMempool()) {
            JsonNode t = rpc.getRawTransactionVerbose(id).orElseThrow();
            pool.put(id.hex(), Transaction.read(ByteBuffer.wrap(java.util.HexFormat.of().parseHex(t.path("hex").asText()))));
            fees.put(id.hex(), rpc.getMempoolEntry(id).orElseThrow().path("fee").decimalValue().movePointRight(8)
                    .longValueExact());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : pool.keySet()) {
            Set<String> pkg = new LinkedHashSet<>();
            ancestors(id, pool, pkg);
            long fee = pkg.stream().mapToLong(fees::get).sum();
            long vsize = pkg.stream().mapToLong(x -> pool.get(x).getVsize()).sum();
            if (fee * 1000 >= minimum.satPerKvB() * vsize) {
                chosen.addAll(pkg);
            }
        }
        List<Transaction> block = new ArrayList<>();
        chosen.forEach(id -> block.add(pool.get(id)));
        RbfMiner.mineBlockWith(rpc, block);
        return List.copyOf(chosen);
    }

    /** Adds {@code id}'s in-mempool ancestors, then {@code id}: parents before children. */
    private static void ancestors(String id, Map<String, Transaction> pool, Set<String> out) {
        for (TransactionInput in : pool.get(id).getInputs()) {
            String parent = in.getOutpoint().hash().toString();
            if (pool.containsKey(parent) && !out.contains(parent)) {
                ancestors(parent, pool, out);
            }
        }
        out.add(id);
    }
}
