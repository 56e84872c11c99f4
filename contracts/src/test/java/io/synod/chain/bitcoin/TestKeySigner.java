package io.synod.chain.bitcoin;

import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;

/** A plain key standing in for the threshold group; can answer in high-S form to exercise normalisation. */
final class TestKeySigner implements TransactionSigner {

    final ECKey key = new ECKey();
    boolean answerHighS;
    int calls;

    @Override
    public byte[] publicKey() {
        return key.getPubKey();
    }

    @Override
    public EcdsaSignature sign(SigningRequest request) {
        calls++;
        ECKey.ECDSASignature sig = key.sign(Sha256Hash.wrap(request.sighash()));
        java.math.BigInteger s = answerHighS
                ? org.bouncycastle.asn1.sec.SECNamedCurves.getByName("secp256k1").getN().subtract(sig.s)
                : sig.s;
        return new EcdsaSignature(sig.r, s);
    }
}
