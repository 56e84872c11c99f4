package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Utxo;
import java.util.Objects;

/** A deposit output on chain: where it is, how much it holds, and the script whose P2WSH it pays. */
public record Deposit(Outpoint outpoint, Satoshis value, DepositScript script) {

    public Deposit {
        Objects.requireNonNull(outpoint, "outpoint");
        Objects.requireNonNull(script, "script");
        if (value == null || value.value() == 0) {
            throw new IllegalArgumentException("a deposit has a positive value");
        }
    }

    Utxo asUtxo() {
        return new Utxo(outpoint, value);
    }
}
