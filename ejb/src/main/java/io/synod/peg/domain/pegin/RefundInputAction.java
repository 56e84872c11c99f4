package io.synod.peg.domain.pegin;

import org.bitcoinj.core.Transaction;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * The group is asked to sign the single input of a refund: a confirmed payment to a deposit script that will never be
 * minted (non-qualifying or too late), returned through the group's branch to the depositor's own refund key.
 * Encoding: the unsigned transaction's serialisation (no witness). Each member checks it against its own book.
 */
public record RefundInputAction(byte[] unsignedTransaction) implements SignableAction {

    public RefundInputAction {
        if (unsignedTransaction == null || unsignedTransaction.length < 60 || unsignedTransaction.length > 1_000) {
            throw new IllegalArgumentException("not a plausible refund transaction");
        }
        unsignedTransaction = unsignedTransaction.clone();
    }

    @Override
    public byte[] unsignedTransaction() {
        return unsignedTransaction.clone();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.NON_QUALIFYING_REFUND_INPUT;
    }

    @Override
    public byte[] encode() {
        return unsignedTransaction.clone();
    }

    public static RefundInputAction decode(byte[] encoded) {
        return new RefundInputAction(encoded);
    }

    /** The transaction, refused unless it re-serialises to exactly these bytes and carries no witness. */
    public Transaction transaction() {
        return UnsignedTransactions.canonical(unsignedTransaction, "refund");
    }
}
