package io.synod.membership.application;

import java.math.BigInteger;

import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The one transaction a {@link StakeSpendAction} describes, its BIP 143 sighash under the group key, and the
 * signed form once the group signed that sighash. Every member builds it from the action alone.
 */
public final class StakeTransactions {
    static final long SEQUENCE = 0xFFFFFFFDL;

    private StakeTransactions() {
    }

    public static Transaction unsigned(StakeSpendAction a) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        TransactionOutPoint op = new TransactionOutPoint(a.stake().vout(), Sha256Hash.wrap(a.stake().displayTxid()));
        tx.addInput(new TransactionInput(tx, new byte[0], op, Coin.valueOf(a.value().value())).withSequence(SEQUENCE));
        tx.addOutput(Coin.valueOf(a.output().value()), Script.parse(a.destination()));
        return tx;
    }

    /** BIP 143 digest of input 0 (SIGHASH_ALL), script code P2PKH of the group key, value of the stake. */
    public static byte[] sighash(StakeSpendAction a, byte[] compressedGroupKey) {
        Script scriptCode = ScriptBuilder.createP2PKHOutputScript(ECKey.fromPublicOnly(compressedGroupKey));
        return unsigned(a).hashForWitnessSignature(0, scriptCode, Coin.valueOf(a.value().value()),
                Transaction.SigHash.ALL, false).getBytes();
    }

    /** The transaction with the group's (low-S, verified) signature as the P2WPKH witness. */
    public static Transaction signed(StakeSpendAction a, byte[] compressedGroupKey, BigInteger r, BigInteger s) {
        ECKey key = ECKey.fromPublicOnly(compressedGroupKey);
        ECKey.ECDSASignature sig = new ECKey.ECDSASignature(r, s).toCanonicalised();
        if (!key.verify(Sha256Hash.wrap(sighash(a, compressedGroupKey)), sig)) {
            throw new IllegalArgumentException("signature does not verify under the group key");
        }
        Transaction tx = unsigned(a);
        TransactionSignature ts = new TransactionSignature(sig, Transaction.SigHash.ALL, false);
        tx.replaceInput(0, tx.getInput(0).withWitness(TransactionWitness.redeemP2WPKH(ts, key)));
        return tx;
    }

    /** Where a member's stake goes back to: the P2WPKH of its identity key (compressed). */
    public static byte[] returnScript(byte[] identityKey64) {
        byte[] enc = new byte[65];
        enc[0] = 0x04;
        System.arraycopy(identityKey64, 0, enc, 1, 64);
        byte[] compressed = io.synod.threshold.math.Secp256k1.CURVE.decodePoint(enc).getEncoded(true);
        return ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(compressed)).program();
    }
}
