package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.chain.bitcoin.Txid;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.script.Script;

/**
 * The depositor's branch: the whole deposit, less a fee at the depositor's rate, back to a standard script of the
 * depositor's choice. The lock time is the script's refund height and the input's sequence is non-final
 * ({@code 0xfffffffe}) so that the lock time, and with it {@code OP_CHECKLOCKTIMEVERIFY}, is enforced: the refund is
 * valid from block {@code refund height + 1}, and nodes take it into their mempool once their tip is at the refund
 * height. It needs no group member and no Synod server: only the deposit's terms and the depositor's key.
 */
public final class DepositRefund {

    /** Non-final (so nLockTime counts) and not signalling replacement. */
    static final long REFUND_SEQUENCE = 0xfffffffeL;

    private DepositRefund() {
    }

    public static UnsignedRefund build(Deposit deposit, Script destination, FeeRate rate) {
        return build(deposit, destination, rate, deposit.script().refundHeight().value());
    }

    /** With another lock time than the script's: only for tests proving the script itself enforces the height. */
    static UnsignedRefund build(Deposit deposit, Script destination, FeeRate rate, long lockTime) {
        int scriptLength = destination.program().length;
        Payout.dustLimit(destination); // refuses non-standard destinations
        long base = 4 + 1 + 41 + 1 + 8 + WitnessSigning.varIntSize(scriptLength) + scriptLength + 4;
        long weight = base * 4 + 2 + WitnessSigning.worstCaseWitnessBytes(deposit.script());
        long vsize = Math.floorDiv(weight + 3, 4);
        Satoshis fee = rate.feeFor(vsize);
        if (deposit.value().compareTo(fee) <= 0) {
            throw new IllegalArgumentException("deposit of " + deposit.value() + " does not cover the fee " + fee);
        }
        Payout payout = Payout.to(destination, deposit.value().minus(fee)); // refuses dust
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(new TransactionInput(tx, new byte[0], deposit.outpoint().toBitcoinj(),
                Coin.valueOf(deposit.value().value())).withSequence(REFUND_SEQUENCE));
        tx.addOutput(Coin.valueOf(payout.amount().value()), destination);
        tx.setLockTime(lockTime);
        return new UnsignedRefund(tx, deposit, payout, fee, rate, vsize);
    }

    /** Signs with {@code depositor}, which must hold the key the script's refund branch names. */
    public static Transaction sign(UnsignedRefund refund, TransactionSigner depositor) {
        if (!refund.deposit().script().isRefundKey(depositor.publicKey())) {
            throw new IllegalArgumentException("the signer does not hold this deposit's refund key");
        }
        return signWith(refund, depositor);
    }

    /** No key check: lets tests hand the node a refund signed by another key. */
    static Transaction signWith(UnsignedRefund refund, TransactionSigner signer) {
        Transaction tx = WitnessSigning.copy(refund.transaction());
        WitnessSigning.signInput(tx, Txid.of(tx.getTxId()), 0, refund.deposit(), signer);
        return tx;
    }

}
