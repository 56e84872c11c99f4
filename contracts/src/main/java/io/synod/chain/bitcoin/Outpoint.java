package io.synod.chain.bitcoin;

import org.bitcoinj.core.TransactionOutPoint;

/** One transaction output: the transaction's id and the output's index in it. */
public record Outpoint(Txid txid, int vout) {

    public Outpoint {
        java.util.Objects.requireNonNull(txid, "txid");
        if (vout < 0) {
            throw new IllegalArgumentException("negative vout " + vout);
        }
    }

    public static Outpoint of(TransactionOutPoint o) {
        return new Outpoint(Txid.of(o.hash()), Math.toIntExact(o.index()));
    }

    public TransactionOutPoint toBitcoinj() {
        return new TransactionOutPoint(vout, txid.toSha256Hash());
    }

    @Override
    public String toString() {
        return txid + ":" + vout;
    }
}
