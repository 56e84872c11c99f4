package io.synod.peg.domain.pegin;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.bitcoinj.core.Transaction;

/** Reading the unsigned transaction an action carries: only its one canonical, witness-free serialisation is accepted. */
final class UnsignedTransactions {

    private UnsignedTransactions() {
    }

    static Transaction canonical(byte[] bytes, String what) {
        Transaction tx = Transaction.read(ByteBuffer.wrap(bytes));
        if (!Arrays.equals(tx.serialize(), bytes) || tx.hasWitnesses()) {
            throw new IllegalArgumentException(what + " transaction is not in canonical unsigned form");
        }
        return tx;
    }
}
