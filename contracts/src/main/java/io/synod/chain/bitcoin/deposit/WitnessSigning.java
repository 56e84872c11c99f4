package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.EcdsaSignature;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.chain.bitcoin.Txid;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;

/**
 * Signs one deposit input: the BIP 143 digest with the witness script as script code, the signer's answer made
 * low-S and verified against the signer's key, then the witness {@code [signature, public key, witness script]}.
 * Which key may sign is the callers' business (the sweep demands the group key, the refund the depositor's).
 */
final class WitnessSigning {

    /** Witness size of one deposit input with the largest signature (72-byte DER + sighash type), for fees. */
    static long worstCaseWitnessBytes(DepositScript script) {
        int scriptLength = script.bytes().length;
        return 1 + (1 + 73) + (1 + 33) + varIntSize(scriptLength) + scriptLength;
    }

    static int varIntSize(long n) {
        return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
    }

    private WitnessSigning() {
    }

    static Sha256Hash sighash(Transaction tx, int index, Deposit deposit) {
        return tx.hashForWitnessSignature(index, deposit.script().witnessScript(),
                Coin.valueOf(deposit.value().value()), Transaction.SigHash.ALL, false);
    }

    /** Signs input {@code index} with whatever key {@code signer} holds; refuses an answer that does not verify. */
    static void signInput(Transaction tx, Txid unsignedTxid, int index, Deposit deposit, TransactionSigner signer) {
        byte[] publicKey = signer.publicKey();
        ECKey key = ECKey.fromPublicOnly(publicKey);
        Sha256Hash digest = sighash(tx, index, deposit);
        EcdsaSignature sig = signer.sign(new TransactionSigner.SigningRequest(digest.getBytes(), unsignedTxid, index,
                deposit.asUtxo())).lowS();
        ECKey.ECDSASignature ecdsa = new ECKey.ECDSASignature(sig.r(), sig.s());
        if (!key.verify(digest, ecdsa)) {
            throw new IllegalStateException("signer returned an invalid signature for input " + index);
        }
        TransactionSignature txSig = new TransactionSignature(ecdsa, Transaction.SigHash.ALL, false);
        TransactionWitness witness = TransactionWitness.of(txSig.encodeToBitcoin(), publicKey,
                deposit.script().bytes());
        tx.replaceInput(index, tx.getInput(index).withWitness(witness));
    }

    static Transaction copy(Transaction tx) {
        return Transaction.read(java.nio.ByteBuffer.wrap(tx.serialize()));
    }
}
