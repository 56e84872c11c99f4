package io.synod.chain.bitcoin;

import java.util.List;
import java.util.OptionalInt;
import org.bitcoinj.core.Transaction;

/**
 * A payout transaction ready to sign: which group UTXOs it spends, what it pays, where the change is, and the
 * fee it pays at which rate (computed for the largest possible signatures, so the real rate is never lower).
 */
public record UnsignedPayout(Transaction transaction, List<Utxo> inputs, List<Payout> payouts,
        OptionalInt changeIndex, Satoshis fee, FeeRate feeRate) {

    public UnsignedPayout {
        inputs = List.copyOf(inputs);
        payouts = List.copyOf(payouts);
    }

    public Satoshis change() {
        return changeIndex.isPresent()
                ? Satoshis.of(transaction.getOutput(changeIndex.getAsInt()).getValue().value)
                : Satoshis.ZERO;
    }
}
