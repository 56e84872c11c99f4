package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Satoshis;
import org.bitcoinj.core.Transaction;

/**
 * A depositor's refund ready to sign: one input spending {@code deposit}, one output {@code payout} worth the
 * deposit less {@code fee} (priced at {@code feeRate} on {@code pricedVsize}), with the refund height as lock time.
 */
public record UnsignedRefund(Transaction transaction, Deposit deposit, Payout payout, Satoshis fee, FeeRate feeRate,
        long pricedVsize) {
}
