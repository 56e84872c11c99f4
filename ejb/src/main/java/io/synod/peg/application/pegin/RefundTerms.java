package io.synod.peg.application.pegin;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.peg.domain.pegin.PegInDeposit;

/**
 * The shape of a refund of a non-qualifying deposit, the same for the member that builds it and the members that
 * check it: one input (the deposit, through the group's branch), one output paying the whole deposit less the fee
 * to P2WPKH of the refund key the depositor revealed (the only destination: the group cannot send the coins
 * anywhere else), version 2, no lock time, the input signalling BIP 125.
 */
final class RefundTerms {

    static final long RBF_SEQUENCE = 0xfffffffdL;

    private RefundTerms() {
    }

    static Script destination(PegInDeposit d) {
        return ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(d.reveal().terms().refundPublicKey()));
    }

    /** Virtual size with the largest possible signature: 82 base bytes, the witness [sig, key, script] at a quarter. */
    static long pricedVbytes(PegInDeposit d) {
        int script = d.reveal().script().bytes().length;
        long witness = 2 + 1 + (1 + 73) + (1 + 33) + (script < 0xfd ? 1 : 3) + script;
        return Math.floorDiv(82 * 4 + witness + 3, 4);
    }

    static Transaction build(PegInDeposit d, FeeRate rate) {
        Satoshis fee = rate.feeFor(pricedVbytes(d));
        Script to = destination(d);
        if (d.amount().compareTo(fee.plus(Payout.dustLimit(to))) < 0) {
            throw new IllegalArgumentException("deposit " + d.outpoint() + " of " + d.amount() + " does not cover the fee "
                    + fee + " and a non-dust refund");
        }
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(new TransactionInput(tx, new byte[0], d.outpoint().toBitcoinj(), Coin.valueOf(d.amount().value()))
                .withSequence(RBF_SEQUENCE));
        tx.addOutput(Coin.valueOf(d.amount().minus(fee).value()), to);
        return tx;
    }
}
