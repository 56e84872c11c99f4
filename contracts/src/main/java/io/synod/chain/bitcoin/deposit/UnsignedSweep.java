package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Satoshis;
import java.util.List;
import org.bitcoinj.core.Transaction;

/**
 * A sweep ready to sign: the deposits it spends (input {@code i} spends {@code deposits.get(i)}), the single output
 * to the group's P2WPKH script worth {@code swept}, and {@code fee} = sum of deposits − swept, priced at
 * {@code feeRate} on {@code pricedVsize} (the size with the largest possible signatures).
 */
public record UnsignedSweep(Transaction transaction, List<Deposit> deposits, Satoshis swept, Satoshis fee,
        FeeRate feeRate, long pricedVsize) {

    public UnsignedSweep {
        deposits = List.copyOf(deposits);
    }

    public Satoshis total() {
        return deposits.stream().map(Deposit::value).reduce(Satoshis.ZERO, Satoshis::plus);
    }
}
