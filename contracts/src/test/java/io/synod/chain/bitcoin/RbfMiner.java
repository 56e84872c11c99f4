package io.synod.chain.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptOpCodes;

/**
 * A miner that includes the transactions it is given, as a miner honouring replace-by-fee includes the higher-fee
 * replacement. bcoin 1.0.2 accepts BIP 125 signalling but implements no mempool replacement, so a replacement
 * reaches a block only this way on the devnet; the node still validates the block and every transaction in it
 * against its consensus rules (scripts, segwit commitment, no double spend) before it becomes the tip.
 */
public final class RbfMiner {

    private RbfMiner() {
    }

    public static BlockHash mineBlockWith(BitcoinRpcClient rpc, List<Transaction> txs) {
        org.bitcoinj.core.Context.propagate(new org.bitcoinj.core.Context());
        BlockHash tip = rpc.getBestBlockHash();
        JsonNode header = rpc.call("getblockheader", tip.hex(), true);
        long height = header.path("height").asLong() + 1;
        // Core answers a hex string, bcoin a number.
        JsonNode bitsNode = header.path("bits");
        long bits = bitsNode.isNumber() ? bitsNode.asLong() : Long.parseLong(bitsNode.asText(), 16);
        Instant time = Instant.ofEpochSecond(header.path("time").asLong() + 1);

        List<Transaction> all = new ArrayList<>();
        all.add(coinbase(height, new byte[32]));
        all.addAll(txs);
        Block draft = new Block(0x20000000L, Sha256Hash.wrap(tip.hex()), null, time, bits, 0, all);
        // BIP 141 commitment: the coinbase's wtxid counts as zero, so the root does not depend on the coinbase.
        byte[] commitment = Sha256Hash.hashTwice(concat(draft.getWitnessRoot().getReversedBytes(), new byte[32]));
        all.set(0, coinbase(height, commitment));
        Block block = new Block(0x20000000L, Sha256Hash.wrap(tip.hex()), null, time, bits, 0, all);
        block.solve();
        JsonNode result = rpc.call("submitblock", HexFormat.of().formatHex(block.serialize()));
        if (result != null && !result.isNull()) {
            throw new IllegalStateException("block refused: " + result);
        }
        BlockHash mined = BlockHash.of(block.getHash());
        if (!rpc.getBestBlockHash().equals(mined)) {
            throw new IllegalStateException("block " + mined + " did not become the tip");
        }
        return mined;
    }

    private static Transaction coinbase(long height, byte[] witnessCommitment) {
        Transaction cb = new Transaction();
        byte[] scriptSig = new ScriptBuilder().number(height).data(new byte[] {0x53, 0x59, 0x4e}).build().program();
        cb.addInput(TransactionInput.coinbaseInput(cb, scriptSig));
        cb.replaceInput(0, cb.getInput(0).withWitness(TransactionWitness.of(new byte[32])));
        // Claims nothing: the subsidy and fees are not needed by the test.
        cb.addOutput(Coin.ZERO, ScriptBuilder.createP2WPKHOutputScript(new ECKey()));
        byte[] payload = concat(new byte[] {(byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed}, witnessCommitment);
        cb.addOutput(Coin.ZERO, new ScriptBuilder().op(ScriptOpCodes.OP_RETURN).data(payload).build());
        return cb;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
