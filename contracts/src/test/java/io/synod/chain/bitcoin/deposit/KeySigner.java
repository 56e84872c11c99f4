package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.EcdsaSignature;
import io.synod.chain.bitcoin.TransactionSigner;
import java.math.BigInteger;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;

/** A plain key standing in for the threshold group or a depositor; can answer high-S to exercise normalisation. */
final class KeySigner implements TransactionSigner {

    private static final BigInteger N = SECNamedCurves.getByName("secp256k1").getN();

    final ECKey key;
    boolean answerHighS;
    int calls;

    KeySigner() {
        this(new ECKey());
    }

    KeySigner(ECKey key) {
        this.key = key;
    }

    @Override
    public byte[] publicKey() {
        return key.getPubKey();
    }

    @Override
    public EcdsaSignature sign(SigningRequest request) {
        calls++;
        ECKey.ECDSASignature sig = key.sign(Sha256Hash.wrap(request.sighash()));
        return new EcdsaSignature(sig.r, answerHighS ? N.subtract(sig.s) : sig.s);
    }
}
