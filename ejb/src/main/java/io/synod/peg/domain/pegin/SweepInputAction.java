package io.synod.peg.domain.pegin;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.bitcoinj.core.Transaction;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * The group is asked to sign input {@code inputIndex} of a sweep: the unsigned transaction (no witnesses) and the
 * index. Encoding: index (u16, big-endian) ‖ the transaction's serialisation. Each member decodes it, checks every
 * input and the output against its own book, and computes the BIP 143 digest itself.
 */
public record SweepInputAction(byte[] unsignedTransaction, int inputIndex) implements SignableAction {

    public SweepInputAction {
        if (unsignedTransaction == null || unsignedTransaction.length < 60 || unsignedTransaction.length > 100_000) {
            throw new IllegalArgumentException("not a plausible sweep transaction");
        }
        if (inputIndex < 0 || inputIndex > 0xffff) {
            throw new IllegalArgumentException("input index out of range: " + inputIndex);
        }
        unsignedTransaction = unsignedTransaction.clone();
    }

    @Override
    public byte[] unsignedTransaction() {
        return unsignedTransaction.clone();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SWEEP_INPUT;
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(2 + unsignedTransaction.length).putShort((short) inputIndex).put(unsignedTransaction)
                .array();
    }

    public static SweepInputAction decode(byte[] encoded) {
        if (encoded == null || encoded.length < 2) {
            throw new IllegalArgumentException("sweep input action too short");
        }
        int index = ((encoded[0] & 0xff) << 8) | (encoded[1] & 0xff);
        return new SweepInputAction(Arrays.copyOfRange(encoded, 2, encoded.length), index);
    }

    /** The transaction, refused unless it re-serialises to exactly these bytes and carries no witness. */
    public Transaction transaction() {
        return UnsignedTransactions.canonical(unsignedTransaction, "sweep");
    }
}
