package io.synod.chain.bitcoin;

/** An unspent output of the group's own script, spendable by the group key. */
public record Utxo(Outpoint outpoint, Satoshis value) {

    public Utxo {
        java.util.Objects.requireNonNull(outpoint, "outpoint");
        if (value == null || value.value() == 0) {
            throw new IllegalArgumentException("a UTXO has a positive value");
        }
    }
}
