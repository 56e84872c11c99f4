package io.synod.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;

import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Sign;

import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sign.EcdsaSignature;

/** Checks a group signature with three verifiers that share no code with the threshold core's combiner. */
public final class IndependentVerifiers {
    private IndependentVerifiers() {
    }

    public static void assertVerifiesEverywhere(ECPoint publicKey, byte[] digest, EcdsaSignature sig) {
        byte[] pub = publicKey.getEncoded(true);
        // bitcoinj: also requires low-S (canonical) signatures
        ECKey.ECDSASignature bsig = new ECKey.ECDSASignature(sig.r(), sig.s());
        assertTrue(bsig.isCanonical(), "signature must be low-S");
        assertTrue(ECKey.verify(digest, bsig, pub), "bitcoinj rejects the signature");
        // BouncyCastle
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(Secp256k1.CURVE.decodePoint(pub),
                new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N)));
        assertTrue(v.verifySignature(digest, sig.r(), sig.s()), "BouncyCastle rejects the signature");
        // web3j, Ethereum ecrecover semantics: the key recovered from (r, s, v) is the group key
        byte[] uncompressed = publicKey.normalize().getEncoded(false);
        BigInteger expected = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 65));
        Sign.SignatureData data = new Sign.SignatureData((byte) sig.ethereumV(), bytes32(sig.r()), bytes32(sig.s()));
        try {
            assertEquals(expected, Sign.signedMessageHashToKey(digest, data), "web3j recovers another key");
        } catch (java.security.SignatureException e) {
            throw new AssertionError("web3j rejects the signature", e);
        }
        assertEquals(expected, Sign.recoverFromSignature(sig.recoveryId(),
                new org.web3j.crypto.ECDSASignature(sig.r(), sig.s()), digest));
    }

    static byte[] bytes32(BigInteger v) {
        return org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, v);
    }
}
