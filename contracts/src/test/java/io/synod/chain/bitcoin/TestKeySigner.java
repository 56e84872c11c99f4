package io.synod.chain.bitcoin;

import java.math.BigInteger;

import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;

/**
 * A plain key standing in for the threshold group or a depositor; can answer in high-S form to exercise
 * normalisation.
 */
public final class TestKeySigner implements TransactionSigner {

    private static final BigInteger N = SECNamedCurves.getByName("secp256k1").getN();

    public final ECKey key;
    public boolean answerHighS;
    public int calls;

    public TestKeySigner() {
        this(new ECKey());
    }

    public TestKeySigner(ECKey key) {
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
